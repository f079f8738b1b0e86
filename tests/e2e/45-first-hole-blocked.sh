#!/usr/bin/env bash
# A device-tree host whose first RAM hole is blocked by a /memreserve/ entry (0x40000000, 32 MiB).
# Linux lists only part of it as reserved (its own image stays "Kernel code"), so usable RAM alone
# would put the kernel at 0x40400000, inside the reservation; jkboot takes the device tree's
# reservations out before choosing, stages at 0x42000000, and the test kernel PASSes there.
. "$(dirname "$0")/lib.sh"

case_begin first-hole-blocked
run_vm --firmware direct --memreserve 0x40000000:0x2000000 -- boot --kernel /opt/jkboot/testkernel/kernel \
  --module /opt/jkboot/testkernel/testmod.ko jktest.expect.firmware=fdt jktest.expect.module=testmod.ko
expect_status 0
expect_line '^jktest: hello from the FreeBSD-shaped test kernel \(EL[12], load PA 0x42000000\)'
expect_line '^jktest: PASS entry.load-pa:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end
