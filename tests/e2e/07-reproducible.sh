#!/usr/bin/env bash
# The distribution is reproducible: the committed tree built twice, in two directories, gives the
# same fragments, SBOM and jar; a third build with a planted timestamp leak gives other bytes, so
# the comparison can fail (scripts/check-reproducible). Three builds: a few minutes.
. "$(dirname "$0")/lib.sh"

case_begin reproducible-dist
out=$("$E2E_ROOT/scripts/check-reproducible" --plant-timestamp 2>"$case_log.stderr")
status=$?
printf '%s\n' "$out" > "$case_log"
cat "$case_log.stderr" >> "$case_log"
[ "$status" = 0 ] || fail "scripts/check-reproducible --plant-timestamp exited with status $status"
grep -q '^PASS reproducible' <<<"$out" || fail "two builds of the same commit differ"
grep -q '^PASS planted timestamp leak detected' <<<"$out" || fail "a planted timestamp leak went unnoticed"
case_end
