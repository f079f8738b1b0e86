#!/usr/bin/env bash
# kexec-tools' purgatory check, done by jkboot's trampoline: with --check-integrity it CRCs every
# segment (all but its own bytes) again just before entering the kernel. An untouched image passes
# and boots; an image with one byte flipped after kexec_load (the hidden test hook, standing in for
# a stray DMA write) is refused: the trampoline names the range and halts, the kernel never runs.
. "$(dirname "$0")/lib.sh"

case_begin integrity-check-passes
run_vm --firmware direct -- boot --kernel /opt/jkboot/testkernel/kernel \
  --module /opt/jkboot/testkernel/testmod.ko --check-integrity jktest.expect.firmware=fdt \
  jktest.expect.module=testmod.ko
expect_status 0
expect_line '^jkboot: trampoline -> kernel$'
expect_line '^jkboot: integrity check passed \([1-9][0-9]* ranges, [1-9][0-9]* bytes\)$'
expect_no_line '^jkboot: test hook'
expect_handoff_time
expect_line '^jktest: PASS expect.module:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end

# The halted VM never powers off: a shorter timeout than the suite's ends it (status 124).
case_begin integrity-check-refuses-changed-kernel
E2E_TIMEOUT=${E2E_HALT_TIMEOUT:-150} run_vm --firmware direct \
  --add "$(dirname "$0")/files/corrupt-after-load.sh=/opt/jktest/corrupt-after-load.sh" \
  --pre /opt/jktest/corrupt-after-load.sh -- version
expect_status 124
expect_line '^corrupt-after-load: kernel entry 0x[0-9a-f]+, flipping the byte at 0x[0-9a-f]+$'
expect_line '^jkboot: test hook: flipped the byte at 0x[0-9a-f]+$'
expect_line '^jkboot: integrity check failed: range [0-9]+ at 0x[0-9a-f]+ \(\+0x[0-9a-f]+\) changed after kexec_load \(CRC-32 0x[0-9a-f]+, expected 0x[0-9a-f]+\); halting$'
# The failing range is the one holding the flipped byte.
flipped=$(sed -n 's/^jkboot: test hook: flipped the byte at \(0x[0-9a-f]*\).*/\1/p' <(console) | head -n 1)
range=$(sed -n 's/^jkboot: integrity check failed: range [0-9]* at \(0x[0-9a-f]*\) (+\(0x[0-9a-f]*\)).*/\1 \2/p' \
  <(console) | head -n 1)
if [ -n "$flipped" ] && [ -n "$range" ]; then
  read -r start len <<< "$range"
  (( flipped >= start && flipped < start + len )) ||
    fail "the flipped byte $flipped is not inside the failing range $start (+$len)"
fi
expect_no_line '^jktest:'
expect_no_line '^jkboot: integrity check passed'
case_end
