#!/usr/bin/env bash
# jkboot as PID 1 with nothing to boot (no disk): it says why and keeps a rescue shell on the
# console instead of exiting, which would panic Linux. The shell must evaluate what it is sent.
. "$(dirname "$0")/lib.sh"

case_begin autoboot-pid1-rescue
run_vm --append jkboot.init=exec --send-after 'rescue shell on the console' 'echo ALIVE-$((6*7)); poweroff -f'
expect_status 0
expect_line '^jkboot: error: no disk holds a FreeBSD UFS or ZFS partition'
expect_line '^jkboot exited with status 4$'
expect_line '^ALIVE-42$'
expect_no_line 'Kernel panic'
case_end
