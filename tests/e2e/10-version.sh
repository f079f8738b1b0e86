#!/usr/bin/env bash
# jkboot starts on the aarch64 runtime inside the VM under both kinds of firmware.
. "$(dirname "$0")/lib.sh"

for fw in direct uefi; do
  case_begin "version-$fw"
  run_vm --firmware "$fw" -- --version
  expect_status 0
  expect_line '^jkboot [0-9]+\.[0-9]+\.[0-9]+[^ ]* \(commit [0-9a-f]{12}, (clean|dirty) tree\)$'
  expect_line '^jkboot exited with status 0$'
  case_end
done
