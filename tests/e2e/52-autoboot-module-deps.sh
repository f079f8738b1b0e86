#!/usr/bin/env bash
# Module dependencies as FreeBSD's loader resolves them: loader.conf asks for jkmain, whose
# MODULE_DEPEND on jkhelper (versions 1-3, preferably 2) is met only through /boot/kernel/linker.hints,
# which names jkhelper_impl.ko (there is no jkhelper.ko). jkboot prints the loader's lines, loads
# jkhelper_impl.ko after jkmain.ko, and the test kernel checks both modules are there in that order.
# The same boot (on a UEFI host) also hands over the host's smbios.* variables and the platform
# entropy, which the test kernel checks beside the modules: issue 10's whole environment in one boot.
# Without the file the hint names, the boot stops before anything is loaded and says which chain failed.
. "$(dirname "$0")/lib.sh"

loader_conf='jkmain_load="YES"
autoboot_delay="0"
jktest.expect.firmware="uefi"
jktest.expect.modules="jkmain.ko,jkhelper_impl.ko"
jktest.expect.smbios="1"
jktest.expect.env.smbios.system.maker="QEMU"
jktest.expect.entropy="2048"'

# The tree of lib.sh's freebsd_tree plus the dependency test modules and their linker.hints, which
# lists jkhelper version 3 first: the loader takes the preferred version 2 wherever it is listed.
module_tree() {  # DIR, then the module files to leave out
  local dir=$1 ko
  shift
  freebsd_tree "$dir" "$loader_conf" || return 1
  for ko in jkmain jkhelper_impl jkhelper_v3; do
    cp "$JKBOOT_BUILD/native/testkernel/kmods/$ko.ko" "$dir/boot/kernel/" || return 1
  done
  for ko in "$@"; do rm -f "$dir/boot/kernel/$ko"; done
  python3 "$E2E_ROOT/tests/e2e/files/linker-hints.py" "$dir/boot/kernel/linker.hints" \
    jkhelper:3:jkhelper_v3.ko jktest:1:testmod.ko jkhelper:2:jkhelper_impl.ko jkmain:1:jkmain.ko
}

tree="$E2E_LOGS/freebsd-deps-tree"
img="$E2E_LOGS/freebsd-deps.img"

case_begin autoboot-module-dependency-from-linker-hints
module_tree "$tree" && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --firmware uefi --disk "$img"
expect_status 0
expect_line '^jkboot: kernel /boot/kernel/kernel, /boot/kernel/jkmain.ko, howto'
expect_line '^/boot/kernel/kernel text=0x[0-9a-f]+ data=0x[0-9a-f]+\+0x[0-9a-f]+ 0x8\+0x[0-9a-f]+\+0x8\+0x[0-9a-f]+$'
expect_line '^/boot/kernel/jkmain.ko text=0x[0-9a-f]+ data=0x[0-9a-f]+ 0x8\+0x[0-9a-f]+\+0x8\+0x[0-9a-f]+$'
expect_line "^loading required module 'jkhelper'$"
expect_line '^/boot/kernel/jkhelper_impl.ko text=0x[0-9a-f]+ data=0x[0-9a-f]+ 0x8'
expect_no_line 'jkhelper_v3'
expect_line '^jktest: PASS expect.modules: 2 modules in the order "jkmain.ko,jkhelper_impl.ko"'
expect_line '^jktest: PASS expect.smbios: entry point _SM3_'
expect_line '^jktest: PASS expect.env.smbios.system.maker:'
expect_line '^jktest: PASS expect.entropy: boot_entropy_platform "linux_getrandom" at 0x[0-9a-f]+, 2048 bytes'
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
case_end

case_begin autoboot-module-dependency-missing
module_tree "$tree" jkhelper_impl.ko && freebsd_disk "$img" "$tree" || fail "could not build the FreeBSD disk"
run_vm --disk "$img"
expect_line "^loading required module 'jkhelper'$"
expect_line '^jkboot: error: missing module dependency: /boot/kernel/jkmain.ko -> jkhelper; no file in module_path'
expect_line '^jkboot: fix: install the module that provides jkhelper'
expect_no_line '^jktest: '
case_end
