#!/usr/bin/env bash
# The boot most FreeBSD installs need: jkboot with no arguments finds a ZFS pool in the freebsd-zfs
# partition of a GPT disk (built here with Debian's zfs-fuse, the installer's layout: zroot,
# zroot/ROOT/default as bootfs, zroot/ROOT/alt beside it), reads loader.conf from the bootfs and
# boots the kernel and module from it in the UEFI VM. The test kernel checks what loader.conf asked
# for and what FreeBSD's loader sets for a ZFS root: currdev, loaddev and vfs.root.mountfrom.
# Also: a mirror across two virtio disks with one of them left out, and a boot environment chosen
# from the menu. Needs root (zfs-fuse).
. "$(dirname "$0")/lib.sh"
. "$E2E_ROOT/scripts/lib/zfs-fuse.sh"

work="$E2E_LOGS/zfs"
rm -rf "$work"
mkdir -p "$work"
trap 'zfs_fuse_end' EXIT

expectations() {  # DATASET: what the test kernel must find for a boot of that dataset
  printf '%s\n' "jktest.expect.firmware=\"uefi\"" 'jktest.expect.module="testmod.ko"' \
    "jktest.expect.env.vfs.root.mountfrom=\"zfs:$1\"" "jktest.expect.env.currdev=\"zfs:$1:\"" \
    "jktest.expect.env.loaddev=\"zfs:$1:\"" 'jktest.expect.env.kernelname="/boot/kernel/kernel"'
}

# A boot environment's tree: the test kernel and module, loader.conf with DELAY and its
# expectations, the drop-in and local files, and an fstab without '/' (as on ZFS installs, where
# the root comes from currdev).
be_tree() {  # DIR DATASET DELAY
  freebsd_tree "$1" "testmod_load=\"YES\"
testmod_flags=\"answer=42\"
autoboot_delay=\"$3\"
hw.jktest=\"$2\"
jktest.expect.env.hw.jktest=\"$2\"
jktest.expect.env.hw.jktest.dropin=\"from-loader.conf.d\"
$(expectations "$2")"
  printf '/dev/vtbd0p3\tnone\tswap\tsw\t0\t0\n' >"$1/etc/fstab"
}

# A pool "zroot" on the vdev files given (one, or "mirror F0 F1"), the installer's datasets filled
# from the two trees, bootfs set, exported.
zfs_pool() {  # DEFAULT-TREE ALT-TREE VDEV-ARGS...
  local default=$1 alt=$2 m="$work/mnt"
  shift 2
  zfs_fuse_create zroot "$m" -m none "$@" || return 1
  zfs create -o mountpoint=none zroot/ROOT &&
    zfs create -o mountpoint=/ -o canmount=noauto -o compression=lzjb zroot/ROOT/default &&
    zfs create -o mountpoint=/ -o canmount=noauto -o compression=gzip zroot/ROOT/alt &&
    zpool set bootfs=zroot/ROOT/default zroot || return 1
  local ds tree
  for ds in default alt; do
    [ "$ds" = default ] && tree=$default || tree=$alt
    zfs mount "zroot/ROOT/$ds" && cp -a "$tree/." "$m/" && sync && zfs umount "zroot/ROOT/$ds" || return 1
  done
  zfs_fuse_export zroot
}

# A 96 MiB GPT disk whose partition 2 (freebsd-zfs, "zfs0", at 2 MiB, 90 MiB) holds VDEV: a vdev's
# labels are relative to its partition, so the pool is built on a file of exactly that size.
part_sectors=$((90 * 2048))
zfs_disk() {  # IMG VDEV
  rm -f "$1"
  truncate -s 96M "$1"
  sgdisk -n 1:2048:+1M -t 1:ef00 -c 1:efi -n "2:4096:+$part_sectors" -t 2:a504 -c 2:zfs0 "$1" >/dev/null &&
    dd if="$2" of="$1" bs=1M seek=2 conv=notrunc,sparse status=none
}

vdev() { rm -f "$work/$1"; truncate -s $((part_sectors * 512)) "$work/$1"; printf '%s\n' "$work/$1"; }

built=1
be_tree "$work/default" zroot/ROOT/default 2 && be_tree "$work/alt" zroot/ROOT/alt 2 &&
  be_tree "$work/default-menu" zroot/ROOT/default 30 || built=0
zfs_fuse_begin "$work"
zfs_pool "$work/default" "$work/alt" "$(vdev single.vdev)" &&
  zfs_disk "$work/zfs.img" "$work/single.vdev" || built=0
zfs_pool "$work/default" "$work/alt" mirror "$(vdev m0.vdev)" "$(vdev m1.vdev)" &&
  zfs_disk "$work/mirror0.img" "$work/m0.vdev" && zfs_disk "$work/mirror1.img" "$work/m1.vdev" || built=0
zfs_pool "$work/default-menu" "$work/alt" "$(vdev menu.vdev)" &&
  zfs_disk "$work/menu.img" "$work/menu.vdev" || built=0
zfs_fuse_end
rm -f "$work"/*.vdev

expect_booted() {  # DATASET POOL-MEMBERS
  expect_line "^jkboot: FreeBSD root: zfs:$1: \\(pool zroot on $2\\)\$"
  expect_line '^jktest: PASS expect.module:'
  expect_line '^jktest: PASS expect.env.vfs.root.mountfrom:'
  expect_line '^jktest: PASS expect.env.currdev:'
  expect_line '^jktest: PASS expect.env.loaddev:'
  expect_line '^jktest: PASS expect.env.hw.jktest.dropin:'
  expect_line '^jktest: VERDICT PASS'
  expect_no_line '^jktest: FAIL'
}

# 1. jkboot as PID 1 under UEFI finds the pool on its own and boots the bootfs.
case_begin zfs-autoboot-pid1
[ "$built" = 1 ] || fail "could not build the ZFS disks with zfs-fuse (see $case_log.run-vm)"
run_vm --firmware uefi --disk "$work/zfs.img" --append jkboot.init=exec \
  --send-after 'rescue shell on the console' 'poweroff -f'
expect_status 0
expect_line '^init: handing PID 1 to jkboot'
expect_line '^jkboot: kernel /boot/kernel/kernel, /boot/kernel/testmod.ko \[answer=42\], howto .*, root zfs:zroot/ROOT/default$'
expect_booted zroot/ROOT/default /dev/vda:2
case_end

# 2. The same run by /init, as the other autoboot cases are.
case_begin zfs-autoboot
run_vm --firmware uefi --disk "$work/zfs.img"
expect_status 0
expect_booted zroot/ROOT/default /dev/vda:2
case_end

# 3. A two-way mirror across two disks, one of them left out: the pool is read from the other half.
case_begin zfs-mirror-one-disk
run_vm --firmware uefi --disk "$work/mirror1.img"
expect_status 0
expect_booted zroot/ROOT/default /dev/vda:2
case_end

# 3b. Both halves attached: one pool, both members found by the pool guid in their labels.
case_begin zfs-mirror-two-disks
run_vm --firmware uefi --disk "$work/mirror0.img" --disk "$work/mirror1.img"
expect_status 0
expect_booted zroot/ROOT/default '/dev/vd[ab]:2, /dev/vd[ab]:2'
case_end

# 4. The menu offers the boot environments: 6 stops the countdown and steps to zroot/ROOT/alt,
#    Enter boots it with alt's own loader.conf (whose expectations name zroot/ROOT/alt).
case_begin zfs-boot-environment-menu
run_vm --firmware uefi --disk "$work/menu.img" --send-after 'Autoboot in [0-9]+ seconds' '6'
expect_status 0
expect_line '^  6\. Boot environment: zroot/ROOT/default \(2 of 2\)$'
expect_line '^  6\. Boot environment: zroot/ROOT/alt \(1 of 2\), booted with its own loader.conf and kernel$'
expect_line '^jkboot: boot environment chosen in the boot menu: zfs:zroot/ROOT/alt: \(pool zroot on /dev/vda:2\)$'
expect_line '^jktest: PASS expect.env.hw.jktest: "zroot/ROOT/alt"'
expect_line '^jktest: PASS expect.env.vfs.root.mountfrom:'
expect_line '^jktest: PASS expect.env.currdev:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end
