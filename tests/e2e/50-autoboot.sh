#!/usr/bin/env bash
# The boot FreeBSD users expect: jkboot with no arguments finds a GPT + UFS2 FreeBSD disk by itself,
# reads its loader.conf files, shows the menu with the autoboot countdown and boots the kernel and
# module from the disk. The test kernel checks what loader.conf asked for: the module's payload,
# environment values (vfs.root.mountfrom derived from /etc/fstab, a loader.conf.d drop-in,
# loader.conf.local) and the howto bits from boot_single and boot_verbose.
. "$(dirname "$0")/lib.sh"

loader_conf='# /boot/loader.conf of the end-to-end FreeBSD disk
testmod_load="YES"
testmod_flags="answer=42"
boot_single="YES"
boot_verbose="YES"
autoboot_delay="2"
hw.jktest="from-loader.conf"
jktest.expect.firmware="fdt"
jktest.expect.module="testmod.ko"
jktest.expect.symbols="1"
jktest.expect.env.hw.jktest="from-loader.conf"
jktest.expect.env.hw.jktest.dropin="from-loader.conf.d"
jktest.expect.env.hw.jktest.local="from-loader.conf.local"
jktest.expect.env.vfs.root.mountfrom="ufs:/dev/vtbd0p2"
jktest.expect.env.kernelname="/boot/kernel/kernel"
jktest.expect.howto="0x802"'

expect_freebsd_booted() {  # HOWTO
  expect_line '^jkboot: FreeBSD root: /dev/vda:2 \(2 freebsd-ufs "rootfs"'
  expect_line '^jktest: PASS expect.module:'
  expect_line '^jktest: PASS expect.env.vfs.root.mountfrom:'
  expect_line '^jktest: PASS expect.env.hw.jktest.dropin:'
  expect_line '^jktest: PASS expect.env.hw.jktest.local:'
  expect_line "^jktest: PASS expect.howto: HOWTO $1"
  expect_line '^jktest: VERDICT PASS'
  expect_no_line '^jktest: FAIL'
}

# 1. jkboot is PID 1 (/init execs it once /proc is up): it mounts /sys and /dev, loads virtio_blk, finds the
#    disk, counts down from autoboot_delay with nobody at the console, and boots.
case_begin autoboot-pid1
tree="$E2E_LOGS/freebsd-tree"
img="$E2E_LOGS/freebsd-root.img"
freebsd_tree "$tree" "$loader_conf" && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --disk "$img" --append jkboot.init=exec --send-after 'rescue shell on the console' 'poweroff -f'
expect_status 0
expect_line '^init: handing PID 1 to jkboot'
expect_line '^jkboot: PID 1: mounted /sys /dev /tmp /sys/kernel/security; loaded tpm_vtpm_proxy.ko virtio_blk.ko virtio_console.ko virtio_mmio.ko$'
expect_line 'Autoboot in 2 seconds'
expect_line '^jkboot: kernel /boot/kernel/kernel, /boot/kernel/testmod.ko \[answer=42\], howto 0x802'
expect_line '^jkboot: timings:'
expect_freebsd_booted 0x802
case_end

# 2. A malformed loader.conf line (run by /init as usual): reported with file and line, skipped,
#    and the boot goes on.
case_begin autoboot-broken-line
freebsd_tree "$tree" "$loader_conf
this line is not loader.conf syntax" && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --disk "$img"
expect_status 0
expect_line '^jkboot: /boot/loader.conf:17: malformed line, skipped: .this line is not loader.conf syntax.'
expect_freebsd_booted 0x802
case_end

# 3. The menu through the console: a key stops the countdown, 2 turns single-user mode off, Enter boots.
case_begin autoboot-menu
menu_conf=${loader_conf/autoboot_delay=\"2\"/autoboot_delay=\"30\"}
freebsd_tree "$tree" "${menu_conf/expect.howto=\"0x802\"/expect.howto=\"0x800\"}" && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --disk "$img" --send-after 'Autoboot in [0-9]+ seconds' '2'
expect_status 0
expect_line '^  2\. Single user: on$'
expect_line '^  2\. Single user: off$'
expect_line '^jkboot: kernel /boot/kernel/kernel, .*howto 0x800 \(RB_VERBOSE\)'
expect_freebsd_booted 0x800
case_end
