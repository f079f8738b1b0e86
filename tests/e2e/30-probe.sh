#!/usr/bin/env bash
# `jkboot probe --json` inside the VM, both firmware modes and two memory sizes: the firmware kind,
# the RAM total (which must match --memory) and kexec readiness must be right.
. "$(dirname "$0")/lib.sh"

probe_case() { # NAME FIRMWARE MEMORY EXPECTED_KIND BYTES
  case_begin "$1"
  run_vm --firmware "$2" --memory "$3" -- probe --json
  expect_status 0
  local why
  why=$(python3 "$(dirname "$0")/files/check-probe.py" "$case_log" "$4" "$5") || fail "$why"
  case_end
}

probe_case probe-direct-1g direct 1G dt-only $((1 << 30))
probe_case probe-uefi-2g uefi 2G uefi-acpi $((2 << 30))
