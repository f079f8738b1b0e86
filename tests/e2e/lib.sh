# Helpers for the VM end-to-end cases, sourced by each tests/e2e/NN-name.sh. Sourced, never run.
#
# A case:
#   case_begin NAME
#   run_vm [scripts/run-vm options...] [-- jkboot args...]   # console captured in the case's log
#   expect_status 0                                         # run-vm's exit status
#   expect_line 'EXTENDED REGEX'                            # some console line matches
#   expect_handoff_time                                     # counter at reboot < counter at entry
#   case_end                                                # prints PASS NAME or FAIL NAME: why
# Results are appended to $E2E_RESULTS (one "PASS name" / "FAIL name" line each) for scripts/test.
set -uo pipefail
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$E2E_ROOT/scripts/lib/common.sh"
E2E_LOGS=${E2E_LOGS:-$JKBOOT_BUILD/test-logs}
E2E_RESULTS=${E2E_RESULTS:-/dev/null}
# Generous for TCG on two shared cores: a boot with Java takes 10-30 s.
E2E_TIMEOUT=${E2E_TIMEOUT:-240}
mkdir -p "$E2E_LOGS"

case_begin() {
  case_name=$1
  case_log="$E2E_LOGS/$1.log"
  case_failures=()
  vm_status=
  : > "$case_log"
}

# Boots the VM (jkboot.after=poweroff unless the case says otherwise); stdin is never the terminal.
run_vm() {
  local after=(--after poweroff) a
  for a in "$@"; do [ "$a" = -- ] && break; [ "$a" = --after ] && after=(); done
  "$E2E_ROOT/scripts/run-vm" --timeout "$E2E_TIMEOUT" --log "$case_log" "${after[@]}" "$@" \
    </dev/null >/dev/null 2>"$case_log.run-vm"
  vm_status=$?
}

fail() { case_failures+=("$*"); }

expect_status() {
  [ "$vm_status" = "$1" ] || fail "run-vm exited with status $vm_status, expected $1 ($(tail -n1 "$case_log.run-vm"))"
}

# The console log without carriage returns.
console() { tr -d '\r' < "$case_log"; }

# grep reads the console through a process substitution, not a pipe: with pipefail, grep -q (or
# -m1) stopping at an early match would otherwise kill tr with SIGPIPE and turn the match into a
# failure (or hide an unwanted line from expect_no_line).
expect_line() {
  grep -Eq -- "$1" <(console) || fail "no console line matches /$1/"
}

expect_no_line() {
  local hit
  hit=$(grep -E -m1 -- "$1" <(console)) && fail "unexpected console line: $hit"
  return 0
}

# A FreeBSD-like root for the autoboot cases: in DIR, the test kernel and testmod.ko in
# /boot/kernel, the defaults file above, LOADER_CONF as /boot/loader.conf, a loader.conf.d drop-in,
# a loader.conf.local and an /etc/fstab naming /dev/vtbd0p2 as /.
freebsd_tree() {
  local dir=$1 loader_conf=$2
  rm -rf "$dir"
  mkdir -p "$dir/boot/kernel" "$dir/boot/defaults" "$dir/boot/loader.conf.d" "$dir/etc"
  cp "$JKBOOT_BUILD/native/testkernel/kernel" "$JKBOOT_BUILD/native/testkernel/testmod.ko" "$dir/boot/kernel/"
  cp "$E2E_ROOT/tests/e2e/files/defaults-loader.conf" "$dir/boot/defaults/loader.conf"
  printf '%s\n' "$loader_conf" > "$dir/boot/loader.conf"
  printf 'hw.jktest.dropin="from-loader.conf.d"\n' > "$dir/boot/loader.conf.d/jktest.conf"
  printf 'hw.jktest.local="from-loader.conf.local"\n' > "$dir/boot/loader.conf.local"
  printf '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/dev/vtbd0p2\t/\tufs\trw\t1\t1\n' > "$dir/etc/fstab"
}

# jkboot logged the arm64 counter just before reboot(KEXEC) and the test kernel read it at entry:
# the counter must have run on, forwards, across the kexec.
expect_handoff_time() {
  local ms
  ms=$(handoff_ms "$case_log")
  [ -n "$ms" ] && [ "$ms" -ge 0 ] || fail "no forward hand-off time from jkboot's 'counter at reboot' line and the test kernel's CNTVCT_EL0 at entry (got '$ms' ms)"
}

case_end() {
  if [ ${#case_failures[@]} -eq 0 ]; then
    echo "PASS $case_name"
    echo "PASS $case_name" >> "$E2E_RESULTS"
  else
    local f
    echo "FAIL $case_name (console log: $case_log)"
    for f in "${case_failures[@]}"; do echo "     - $f"; done
    echo "FAIL $case_name" >> "$E2E_RESULTS"
  fi
}
