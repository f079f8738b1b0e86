#!/usr/bin/env bash
# An md_image larger than the JVM's default heap, on a UFS2 disk, booted the way FreeBSD's loader
# boots it (jkboot with no arguments, md_load="YES" in loader.conf). jkboot maps it instead of reading
# it into the heap, and hands Linux the mapped runs of the disk; the test kernel finds it in the
# preload list and checks its size and CRC-32, computed here independently of jkboot. The VM has
# 1 GiB of RAM, so the JVM's default heap is about a quarter of that, which a pre script prints
# from the very JVM jkboot runs on.
. "$(dirname "$0")/lib.sh"

case_begin big-md-image
md_mib=288
tree="$E2E_LOGS/big-md-tree"
img="$E2E_LOGS/big-md-root.img"
heap_script="$E2E_LOGS/print-heap.sh"
md="$E2E_LOGS/big-md.img"
# Random bytes, so that every block of the image is data and the CRC covers real content.
python3 - "$md" "$md_mib" <<'EOF'
import os, sys
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2])):
        f.write(os.urandom(1 << 20))
EOF
md_bytes=$((md_mib << 20))
crc=$(python3 -c 'import sys, zlib
crc = 0
with open(sys.argv[1], "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        crc = zlib.crc32(block, crc)
print("%08x" % crc)' "$md")
freebsd_tree "$tree" 'md_load="YES"
md_type="md_image"
md_name="/boot/md.img"
boot_verbose="YES"
autoboot_delay="-1"
vfs.root.mountfrom="ufs:/dev/md0"
jktest.expect.firmware="fdt"
jktest.expect.file.md.img="'"$md_bytes:$crc"'"' || fail "could not build the FreeBSD tree"
mv "$md" "$tree/boot/md.img"
# A GPT disk whose partition 2 holds the tree as UFS2 with FreeBSD's default 32 KiB blocks, sized for
# the image (lib.sh's freebsd_disk is 32 MiB).
if makefs -t ffs -o version=2,bsize=32768,fsize=4096 -s 320m "$img.ufs" "$tree" > /dev/null; then
  truncate -s 340M "$img"
  sgdisk -n 1:2048:+1M -t 1:ef00 -c 1:efi -n 2:4096:0 -t 2:a503 -c 2:rootfs "$img" > /dev/null \
    || fail "sgdisk failed"
  dd if="$img.ufs" of="$img" bs=1M seek=2 conv=notrunc,sparse status=none
  rm -f "$img.ufs"
else
  fail "makefs failed"
fi
rm -rf "$tree"
cat > "$heap_script" <<'EOF'
# The launcher's JVM and collector, asked for the heap it would size by default on this machine.
/opt/jkboot/runtime/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 == "MaxHeapSize" { print "e2e: default MaxHeapSize " $4 }'
EOF
# Linux reads the 288 MiB through the mapping during kexec_load and the test kernel CRCs it bytewise:
# minutes under TCG on shared cores, so this case gets twice the usual time.
run_vm --timeout $((2 * E2E_TIMEOUT)) --memory 1G --disk "$img" --add "$heap_script=/opt/jktest/print-heap.sh" --pre /opt/jktest/print-heap.sh
expect_status 0
heap=$(console | sed -n 's/^e2e: default MaxHeapSize \([0-9]*\)$/\1/p' | head -n1)
if [ -z "$heap" ]; then
  fail "the pre script printed no MaxHeapSize"
elif [ "$md_bytes" -le "$heap" ]; then
  fail "the md_image ($md_bytes bytes) is not larger than the default heap ($heap bytes)"
else
  echo "     md_image $md_bytes bytes, default heap $heap bytes"
fi
expect_line '^jkboot: FreeBSD root: /dev/vda:2 \(2 freebsd-ufs "rootfs"'
expect_line '^jkboot: kernel /boot/kernel/kernel, /boot/md.img, howto 0x800'
expect_line '^jkboot: timings: .*peak RSS [0-9]+ KiB'
expect_line "^jktest: PASS expect.file.md.img: \"/boot/md.img\" at 0x[0-9a-f]+, $md_bytes bytes, CRC-32 $crc"
expect_line '^jktest: VERDICT PASS'
expect_no_line '^jktest: FAIL'
expect_no_line 'OutOfMemoryError|Exception in thread'
rss=$(console | sed -n 's/^jkboot: timings: .*peak RSS \([0-9]*\) KiB.*/\1/p' | head -n1)
[ -n "$rss" ] && echo "     jkboot's peak RSS in the VM: $rss KiB"
case_end
rm -f "$img"
