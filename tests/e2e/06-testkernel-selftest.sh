#!/usr/bin/env bash
# The test kernel and the trampoline checked without Linux or jkboot (native/testkernel/tools/
# selftest.py): hand-offs built by an independent Python loader, each correct or broken in exactly
# one way, boot in QEMU directly; a broken one must fail exactly the checks named for it. This is
# what keeps the test kernel's verdict honest: a check that cannot fail shows up here.
. "$(dirname "$0")/lib.sh"

case_begin testkernel-selftest
out=$(make -s -C "$E2E_ROOT/native" check OUT="$JKBOOT_BUILD/native" 2>&1)
status=$?
printf '%s\n' "$out" > "$case_log"
[ "$status" = 0 ] || fail "make -C native check exited with status $status"
grep -Eq '^([0-9]+) of \1 scenarios behaved as expected$' <<<"$out" || fail "not every scenario behaved as expected"
case_end
