#!/usr/bin/env bash
# What FreeBSD's loader puts around the kernel besides the kernel itself, checked by the test
# kernel after a real autoboot from the GPT + UFS2 disk:
#  - UEFI VM: the smbios.* variables decoded from the VM's SMBIOS table (the test kernel reads the
#    entry point hint.smbios.0.mem names and compares version and type; strings against QEMU's),
#    2048 bytes of platform entropy from getrandom as a boot_entropy_platform file, currdev and
#    loaddev naming the boot partition as kboot does ("/dev/vda2:"), and no howto bit from
#    console="comconsole" (kboot sets none; jkboot says so).
#  - device-tree VM: fdt_overlays applied to the host's tree the kernel gets (the test kernel finds
#    the node the overlay adds), a broken overlay reported and skipped, the boot going on.
. "$(dirname "$0")/lib.sh"

tree="$E2E_LOGS/loader-env-tree"
img="$E2E_LOGS/loader-env.img"

# 1. UEFI + ACPI: SMBIOS, entropy, currdev/loaddev, console.
case_begin loader-environment-uefi
freebsd_tree "$tree" 'testmod_load="YES"
autoboot_delay="-1"
console="comconsole"
jktest.expect.firmware="uefi"
jktest.expect.module="testmod.ko"
jktest.expect.howto="0x0"
jktest.expect.smbios="1"
jktest.expect.env.smbios.system.maker="QEMU"
jktest.expect.env.smbios.system.product="QEMU Virtual Machine"
jktest.expect.env.smbios.chassis.type="Other"
jktest.expect.env.smbios.entry_point_type="v3 (64-bit)"
jktest.expect.entropy="2048"
jktest.expect.env.currdev="/dev/vda2:"
jktest.expect.env.loaddev="/dev/vda2:"' && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --firmware uefi --disk "$img"
expect_status 0
expect_line '^jkboot: FreeBSD root: /dev/vda:2 '
expect_line '^jkboot: /boot/loader.conf:3: console="comconsole" sets no RB_SERIAL'
expect_line '^jktest: PASS expect.smbios: entry point _SM3_ at 0x[0-9a-f]+, SMBIOS 3\.[0-9]+; smbios.entry_point_type matches, smbios.version matches$'
expect_line '^jktest: PASS expect.env.smbios.system.maker:'
expect_line '^jktest: PASS expect.entropy: boot_entropy_platform "linux_getrandom" at 0x[0-9a-f]+, 2048 bytes'
expect_line '^jktest: PASS expect.env.currdev:'
expect_line '^jktest: PASS expect.env.loaddev:'
expect_line '^jktest: PASS expect.howto: HOWTO 0x0'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
expect_no_line '^jkboot: (SMBIOS|platform entropy) skipped'
case_end

# 2. Device tree host: an overlay from /boot/dtb/overlays applied, a broken one skipped.
case_begin loader-environment-overlay
freebsd_tree "$tree" 'testmod_load="YES"
autoboot_delay="-1"
fdt_overlays="broken,jkboot-marker"
jktest.expect.firmware="fdt"
jktest.expect.module="testmod.ko"
jktest.expect.dtnode="jkboot-overlay"
jktest.expect.entropy="2048"
jktest.expect.env.currdev="/dev/vda2:"' || fail "could not build the FreeBSD tree"
mkdir -p "$tree/boot/dtb/overlays"
printf 'not a device tree' > "$tree/boot/dtb/overlays/broken.dtbo"
dtc -q -@ -I dts -O dtb -o "$tree/boot/dtb/overlays/jkboot-marker.dtbo" - <<'DTS' || fail "dtc failed"
/dts-v1/;
/plugin/;

/ {
	fragment@0 {
		target-path = "/";
		__overlay__ {
			jkboot-overlay {
				compatible = "jkboot,overlay-marker";
				note = "added by fdt_overlays";
			};
		};
	};
};
DTS
freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --disk "$img"
expect_status 0
expect_line "^jkboot: DTB overlay '/boot/dtb/overlays/broken.dtbo' skipped: "
expect_line "^jkboot: applying DTB overlay '/boot/dtb/overlays/jkboot-marker.dtbo'$"
expect_line '^jktest: PASS expect.dtnode: the DTB has a node jkboot-overlay'
expect_line '^jktest: PASS expect.entropy:'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end
