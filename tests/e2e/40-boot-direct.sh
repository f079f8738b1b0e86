#!/usr/bin/env bash
# Device-tree host (no UEFI): Linux kexecs through jkboot's trampoline into the FreeBSD-shaped test
# kernel, which checks the whole hand-off and, byte for byte, what this test asks of it: the module's
# payload found through its own symbol table, a raw file's CRC-32 (computed here, independently of
# jkboot), the howto bits from -s and boot_verbose, and an environment variable's value.
. "$(dirname "$0")/lib.sh"

case_begin boot-direct
blob="$E2E_LOGS/blob.bin"
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 7 + 3) % 251 for i in range(5000)))' > "$blob"
crc=$(python3 -c 'import sys, zlib; print("%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$blob")
run_vm --firmware direct --add "$blob=/opt/jktest/blob.bin" -- boot --kernel /opt/jkboot/testkernel/kernel \
  --module /opt/jkboot/testkernel/testmod.ko --module /opt/jktest/blob.bin:md_image -s boot_verbose=YES \
  hw.jktest=hello jktest.expect.firmware=fdt jktest.expect.module=testmod.ko jktest.expect.symbols=1 \
  jktest.expect.howto=0x802 jktest.expect.env.hw.jktest=hello "jktest.expect.file.blob.bin=5000:$crc"
expect_status 0
expect_line '^jkboot: trampoline -> kernel$'
# The aarch64 shim's counter read, which times the hand-off (the x86-64 shim has none: unit tests).
expect_line '^jkboot: counter at reboot: [1-9][0-9]* \([1-9][0-9]* Hz\)$'
expect_handoff_time
expect_line '^jktest: PASS expect.module:'
expect_line "^jktest: PASS expect.file.blob.bin:"
expect_line '^jktest: PASS expect.env.hw.jktest:'
expect_line '^jktest: PASS expect.howto:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end
