# Packing the distribution reproducibly. Sourced by scripts/build and scripts/check-reproducible.

# The project's version, from pom.xml (the first <version> is the project's own).
jkboot_version() { sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$JKBOOT_ROOT/pom.xml" | head -n1; }

# The commit time, as reproducible builds want it (https://reproducible-builds.org/specs/source-date-epoch/).
source_date_epoch() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then echo "$SOURCE_DATE_EPOCH"
  else git -C "$JKBOOT_ROOT" log -1 --format=%ct 2>/dev/null || echo 0; fi
}
# The commit and whether the work tree differs from it ("clean"/"dirty"; "unknown" outside git).
source_commit() { git -C "$JKBOOT_ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown; }
source_tree() {
  git -C "$JKBOOT_ROOT" rev-parse HEAD >/dev/null 2>&1 || { echo unknown; return; }
  if [ -z "$(git -C "$JKBOOT_ROOT" status --porcelain --untracked-files=no)" ]; then echo clean; else echo dirty; fi
}

# pack_cpio TREE EPOCH OUT: TREE as a newc cpio archive that depends on nothing but its contents:
# entries sorted by name (C locale), owner root:root, every mtime EPOCH, modes normalised
# (no group/other write, whatever the umask), device numbers and inodes renumbered
# (cpio --reproducible). Each directory has its own entry, so the archive unpacks on top of any
# other initramfs: Linux unpacks concatenated archives in order into one root.
pack_cpio() {
  local tree=$1 epoch=$2 out=$3
  chmod -R go-w,a+rX "$tree"
  find "$tree" -exec touch -h -d "@$epoch" {} +
  (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --owner 0:0 --reproducible --quiet) > "$out"
}

# pack_tar TREE EPOCH OUT: the same tree as a tar with the same normalisation.
pack_tar() {
  local tree=$1 epoch=$2 out=$3
  (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | tar --create --no-recursion --files-from=- \
    --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --format=gnu) > "$out"
}

# zstd with fixed parameters (one thread: the frame layout must not depend on the machine's cores).
compress() { zstd -q -19 --single-thread -f -o "$2" "$1"; }
