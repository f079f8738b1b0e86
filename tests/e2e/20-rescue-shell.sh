#!/usr/bin/env bash
# When jkboot fails, /init says so and the machine stays usable: a rescue shell answers on the
# console. The shell must evaluate what it is sent ($((6*7))), not merely echo the typed line.
. "$(dirname "$0")/lib.sh"

case_begin rescue-shell-after-failure
run_vm --after shell --send-after '^jkboot exited with status' 'echo ALIVE-$((6*7)); poweroff -f' \
  -- --no-such-option
expect_status 0
expect_line "Unknown option: '--no-such-option'"
expect_line '^jkboot exited with status 2$'
expect_line '^ALIVE-42$'
case_end
