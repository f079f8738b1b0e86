package dev.jkboot.zfs.vdev;

import java.util.List;

/**
 * One vdev of a pool's vdev tree as a label's {@code vdev_tree} nvlist describes it: its type and
 * guid, for a top-level vdev the ashift, for raidz the parity count, for a leaf the path it had
 * when the pool was last imported (for messages only: leaves are found by guid), and the
 * children in the order of their {@code id}, which is raidz's column order. {@link Vdevs#open}
 * checks the numbers.
 */
public record VdevSpec(VdevType type, long guid, int ashift, int nparity, String path, List<VdevSpec> children) {

    public VdevSpec {
        path = path == null ? "" : path;
        children = List.copyOf(children);
    }

    /** A disk or file leaf. */
    public static VdevSpec leaf(long guid, String path) {
        return new VdevSpec(VdevType.DISK, guid, 0, 0, path, List.of());
    }

    /** How messages name it: the path of a leaf, the type and guid of the others. */
    public String describe() {
        return type.isLeaf() && !path.isEmpty() ? path : "%s vdev %016x".formatted(type.zfsName(), guid);
    }
}
