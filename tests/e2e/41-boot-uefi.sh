#!/usr/bin/env bash
# UEFI + ACPI host: Debian's kernel refuses /dev/mem reads of RAM, so the UEFI memory map reaches
# the kernel through the trampoline's copy at jump time; FW_HANDLE must point at the real EFI system
# table, acpi.rsdp at the real RSDP, and no skeleton DTB may be passed (FreeBSD would choose FDT).
# The test kernel compares the copied descriptors with Linux's map still at the copy's source.
. "$(dirname "$0")/lib.sh"

case_begin boot-uefi
run_vm --firmware uefi -- boot --kernel /opt/jkboot/testkernel/kernel jktest.expect.firmware=uefi \
  jktest.expect.symbols=1
expect_status 0
expect_line '^jkboot: UEFI memory map not readable now .*the trampoline will copy it at jump time$'
expect_line '^jktest: PASS memory.efi-map:'
expect_line '^jktest: PASS memory.efi-map-copy: .* equals the firmware.s map, descriptor by descriptor$'
expect_line '^jktest: PASS efi.systab:'
expect_line '^jktest: PASS efi.acpi-rsdp:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: PASS dtb.header'
expect_no_line '^jktest: FAIL'
case_end
