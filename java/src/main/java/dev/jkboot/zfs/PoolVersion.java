package dev.jkboot.zfs;

/**
 * Pool versions jkboot reads: the legacy SPA versions 1 to 28 and 5000, the version of every pool
 * with feature flags (SPA_VERSION_FEATURES, sys/contrib/openzfs/include/sys/fs/zfs.h).
 */
final class PoolVersion {
    static final long LEGACY_MAX = 28;
    static final long FEATURES = 5000;

    private PoolVersion() {}

    static boolean valid(long version) {
        return (version >= 1 && version <= LEGACY_MAX) || version == FEATURES;
    }
}
