package dev.jkboot.zfs;

import java.util.Set;
import java.util.TreeSet;

/**
 * The pool features jkboot can read a pool with: those of FreeBSD's loader
 * (features_for_read in stand/libsa/zfs/zfsimpl.c) whose on-disk format jkboot reads. A pool
 * whose label or MOS lists, as needed for reading, a feature not in this set is refused with the
 * feature's name, as the loader refuses it.
 *
 * <p>Left out, though the loader accepts them: {@code com.delphix:device_removal} and
 * {@code com.delphix:obsolete_counts} (jkboot does not read indirect vdevs' remapped blocks) and
 * {@code com.datto:encryption} (jkboot decrypts nothing); refusing the pool names them at once
 * instead of failing later on a block it cannot read.
 */
final class Features {
    static final Set<String> READABLE = Set.of(
            "org.illumos:lz4_compress",
            "com.delphix:hole_birth",
            "com.delphix:extensible_dataset",
            "com.delphix:embedded_data",
            "org.open-zfs:large_blocks",
            "org.illumos:sha512",
            "org.illumos:skein",
            "org.illumos:edonr",
            "org.openzfs:blake3",
            "org.zfsonlinux:large_dnode",
            "com.joyent:multi_vdev_crash_dump",
            "com.delphix:spacemap_histogram",
            "com.delphix:zpool_checkpoint",
            "com.delphix:spacemap_v2",
            "com.datto:bookmark_v2",
            "com.delphix:bookmark_written",
            "com.delphix:head_errlog",
            "org.zfsonlinux:allocation_classes",
            "com.intel:allocation_classes",
            "com.datto:resilver_defer",
            "org.freebsd:zstd_compress",
            "org.openzfs:zilsaxattr",
            "com.klarasystems:vdev_zaps_v2");

    private Features() {}

    /** The names in {@code needed} jkboot cannot read, sorted; empty when the pool is readable. */
    static Set<String> unknown(Iterable<String> needed) {
        Set<String> out = new TreeSet<>();
        for (String name : needed) {
            if (!name.isEmpty() && !READABLE.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    static ZfsException refusal(String pool, Set<String> unknown, String where) {
        return new ZfsException(
                "pool %s needs %s %s to be read, which jkboot does not know (%s)"
                        .formatted(pool, unknown.size() == 1 ? "the feature" : "the features", String.join(", ", unknown), where),
                "boot this pool with FreeBSD's loader, or keep the boot pool free of these features (zpool create -d, or -o compatibility=)");
    }
}
