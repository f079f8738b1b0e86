# Shared by the scripts: paths, logging. Sourced, never run.
JKBOOT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Downloads live outside the repository so they are never committed.
JKBOOT_CACHE=${JKBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jkboot}
JKBOOT_BUILD=${JKBOOT_BUILD:-$JKBOOT_ROOT/build}
mkdir -p "$JKBOOT_CACHE"
log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
