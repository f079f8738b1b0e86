# Shared by the scripts: paths, logging. Sourced, never run.
JKBOOT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Downloads live outside the repository so they are never committed.
JKBOOT_CACHE=${JKBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jkboot}
JKBOOT_BUILD=${JKBOOT_BUILD:-$JKBOOT_ROOT/build}
mkdir -p "$JKBOOT_CACHE"
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
