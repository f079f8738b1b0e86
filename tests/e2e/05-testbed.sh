#!/usr/bin/env bash
# The test bed itself: later cases rely on /init passing the words after `--` to jkboot intact
# (quoted blanks kept, empty words kept, EDK2's appended initrd=initrd dropped) and on run-vm
# reporting a kernel panic (PID 1 exiting) with its own status.
. "$(dirname "$0")/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Stands in for /usr/bin/jkboot: shows each argument it got, then fails with status 3.
cat > "$work/show-args" <<'SH'
#!/bin/sh
echo "argc=$#"
for a in "$@"; do echo "arg=[$a]"; done
exit 3
SH
chmod +x "$work/show-args"

for fw in direct uefi; do
  case_begin "testbed-arguments-$fw"
  run_vm --firmware "$fw" --add "$work/show-args=/usr/bin/jkboot" -- boot "two  words" '' 'x=1'
  expect_status 0
  expect_line '^argc=4$'
  expect_line '^arg=\[boot\]$'
  expect_line '^arg=\[two  words\]$'
  expect_line '^arg=\[\]$'
  expect_line '^arg=\[x=1\]$'
  expect_no_line '^arg=\[initrd='
  expect_line '^jkboot exited with status 3$'
  case_end
done

printf '#!/bin/sh\nexit 1\n' > "$work/exiting-init"
chmod +x "$work/exiting-init"
case_begin testbed-init-exit-is-a-panic
run_vm --add "$work/exiting-init=/init"
expect_status 125
expect_line 'Kernel panic - not syncing: Attempted to kill init'
case_end
