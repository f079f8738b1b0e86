#!/usr/bin/env bash
# The shape of real arm64 servers: Linux owns EL2 and has a GICv3 with an ITS, whose LPI tables live
# in memory Linux reserved persistently (LINUX_EFI_MEMRESERVE) and that the GIC keeps writing after
# kexec. The test kernel must be entered at EL2 and nothing jkboot placed may overlap those ranges.
. "$(dirname "$0")/lib.sh"

case_begin boot-uefi-el2-gic3
run_vm --firmware uefi --el2 --gic 3 -- boot --kernel /opt/jkboot/testkernel/kernel \
  --module /opt/jkboot/testkernel/testmod.ko jktest.expect.firmware=uefi jktest.expect.el=2 \
  jktest.expect.module=testmod.ko
expect_status 0
expect_line '^jktest: PASS expect.el:'
# The aarch64 shim's counter read, which times the hand-off (the x86-64 shim has none: unit tests).
expect_line '^jkboot: counter at reboot: [1-9][0-9]* \([1-9][0-9]* Hz\)$'
expect_handoff_time
expect_line '^jktest: PASS efi.memreserve: [1-9][0-9]* range'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end
