# Shared by the scripts and end-to-end tests that build ZFS pools with Debian's zfs-fuse (an
# implementation nobody here wrote). Sourced, never run; needs root (FUSE, the daemon's socket).
#
# zfs-fuse is one daemon per machine with one pool namespace, and several engineers or CI jobs
# may build pools at once: zfs_fuse_begin takes a machine-wide lock first, starts the daemon only
# if none is running, and zfs_fuse_end exports the pools this caller created and stops the
# daemon only if it started it. Pools are created with an altroot (-R), which also sets
# cachefile=none, so nothing is left for a later daemon to import.

zfs_fuse_lock=${ZFS_FUSE_LOCK:-/run/lock/jkboot-zfs-fuse.lock}
zfs_fuse_pidfile=
zfs_fuse_pools=()

# zfs_fuse_begin WORKDIR: lock, start the daemon if needed. WORKDIR holds the pid file.
zfs_fuse_begin() {
  [ "$(id -u)" = 0 ] || die "zfs-fuse needs root (FUSE mounts and the daemon's socket)"
  command -v zfs-fuse >/dev/null || die "zfs-fuse is missing: run scripts/setup"
  [ -e /dev/fuse ] || die "/dev/fuse is missing: load the fuse module (modprobe fuse)"
  exec 9>"$zfs_fuse_lock"
  flock -w 900 9 || die "another zfs-fuse user has held $zfs_fuse_lock for 15 minutes"
  if ! pgrep -x zfs-fuse >/dev/null; then
    zfs_fuse_pidfile="$1/zfs-fuse.pid"
    zfs-fuse --pidfile "$zfs_fuse_pidfile" --no-kstat-mount
    local i
    for i in $(seq 50); do zpool list >/dev/null 2>&1 && break; sleep 0.2; done
    zpool list >/dev/null 2>&1 || die "zfs-fuse did not answer after 10 s"
  fi
}

# zfs_fuse_create POOL ALTROOT ZPOOL-CREATE-ARGS...: creates a version-23 pool (what zfs-fuse
# writes, FreeBSD's loader reads v1-v28) and remembers it for zfs_fuse_end.
zfs_fuse_create() {
  local pool=$1 altroot=$2
  shift 2
  if zpool list -H -o name 2>/dev/null | grep -qx "$pool"; then
    die "a pool named $pool is already imported in zfs-fuse: export it first (zpool export $pool)"
  fi
  zpool create -f -o version=23 -R "$altroot" "$pool" "$@"
  zfs_fuse_pools+=("$pool")
}

# zfs_fuse_export POOL: exports a pool created by zfs_fuse_create (its vdev files are then final).
zfs_fuse_export() {
  local pool=$1 i
  sync
  for i in 1 2 3 4 5; do zpool export "$pool" && break; sleep 1; done
  zpool list -H -o name 2>/dev/null | grep -qx "$pool" && die "could not export pool $pool"
  local kept=() p
  for p in "${zfs_fuse_pools[@]}"; do [ "$p" = "$pool" ] || kept+=("$p"); done
  zfs_fuse_pools=("${kept[@]}")
}

# zfs_fuse_end: exports what is left, stops a daemon we started, drops the lock. Safe in a trap.
zfs_fuse_end() {
  local p
  for p in "${zfs_fuse_pools[@]}"; do zpool export -f "$p" >/dev/null 2>&1 || true; done
  zfs_fuse_pools=()
  if [ -n "$zfs_fuse_pidfile" ] && [ -f "$zfs_fuse_pidfile" ]; then
    local pid i
    pid=$(cat "$zfs_fuse_pidfile")
    kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    zfs_fuse_pidfile=
  fi
  exec 9>&- 2>/dev/null || true
}
