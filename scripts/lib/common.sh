# Shared by the scripts: paths, logging. Sourced, never run.
JKBOOT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Downloads live outside the repository so they are never committed.
JKBOOT_CACHE=${JKBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jkboot}
JKBOOT_BUILD=${JKBOOT_BUILD:-$JKBOOT_ROOT/build}
mkdir -p "$JKBOOT_CACHE"
# The Debian arm64 packages scripts/setup unpacks under $JKBOOT_CACHE/arm64 (never installed).
arm64_packages=(linux-image-arm64 busybox-static libc6 zlib1g libgcc-s1 libstdc++6
  openjdk-17-jdk-headless openjdk-17-jre-headless kexec-tools)
# The stamp scripts/setup leaves when they are unpacked; it names the package list it was made
# from, so adding a package unpacks again (downloading only what is missing).
arm64_stamp() {
  printf '%s/arm64/.complete-%s\n' "$JKBOOT_CACHE" \
    "$(printf '%s\n' "${arm64_packages[@]}" | sort | sha256sum | cut -c1-16)"
}
log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
# Milliseconds from jkboot's reboot(KEXEC) to the test kernel's entry in a console log, from the
# arm64 virtual counter both read (it runs on across kexec); prints nothing if either line is missing.
handoff_ms() {
  tr -d '\r' < "$1" | awk '
    /^jkboot: counter at reboot: / { reboot = $5; freq = substr($6, 2) }
    /^jktest: INFO timer: CNTFRQ_EL0 / { entry = $8 }
    END { if (reboot != "" && entry != "" && freq > 0) printf "%d\n", (entry - reboot) * 1000 / freq }'
}

# freebsd_disk IMG DIR: IMG becomes a 32 MiB GPT disk whose partition 2 (freebsd-ufs, named rootfs,
# at 2 MiB) holds a UFS2 file system that makefs builds from DIR, the way FreeBSD's own release
# images are made. Used by the end-to-end tests and by scripts/build's CDS training runs.
freebsd_disk() {
  local img=$1 dir=$2
  makefs -t ffs -o version=2 -s 16m "$img.ufs" "$dir" > /dev/null || return 1
  rm -f "$img"
  truncate -s 32M "$img"
  sgdisk -n 1:2048:+1M -t 1:ef00 -c 1:efi -n 2:4096:0 -t 2:a503 -c 2:rootfs "$img" > /dev/null || return 1
  dd if="$img.ufs" of="$img" bs=512 seek=4096 conv=notrunc status=none
  rm -f "$img.ufs"
}
