#!/usr/bin/env bash
# A Linux that closed kexec_load: jkboot refuses before reading the kernel, says why and what to do,
# never reboots, and the machine is still alive in the rescue shell afterwards.
. "$(dirname "$0")/lib.sh"

case_begin kexec-load-disabled
run_vm --add "$(dirname "$0")/files/disable-kexec.sh=/opt/jktest/disable-kexec.sh" \
  --pre /opt/jktest/disable-kexec.sh --after shell \
  --send-after '^jkboot exited with status' 'echo ALIVE-$((6*7)); poweroff -f' \
  -- boot --kernel /opt/jkboot/testkernel/kernel
expect_status 0
expect_line '^jkboot: error: this Linux cannot kexec FreeBSD now: kexec_load is disabled'
expect_line '^jkboot: fix: reboot into a Linux that does not set kernel.kexec_load_disabled=1'
expect_line '^jkboot exited with status 6$'
expect_line '^ALIVE-42$'
expect_no_line 'reboot\(LINUX_REBOOT_CMD_KEXEC\)'
expect_no_line '^jktest:'
case_end
