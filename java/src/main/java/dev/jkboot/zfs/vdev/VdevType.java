package dev.jkboot.zfs.vdev;

/**
 * The vdev types of a pool's vdev tree by the names its label stores ({@code ZPOOL_CONFIG_TYPE},
 * VDEV_TYPE_* in sys/contrib/openzfs/include/sys/fs/zfs.h), those FreeBSD's loader reads.
 */
public enum VdevType {
    DISK("disk"),
    FILE("file"),
    MIRROR("mirror"),
    /** A mirror while one child replaces another: read like a mirror. */
    REPLACING("replacing"),
    /** A child and the hot spare standing in for it: read like a mirror, as ZFS does (vdev_spare.c). */
    SPARE("spare"),
    RAIDZ("raidz"),
    /** A removed top-level vdev's placeholder: holds no blocks. */
    HOLE("hole");

    private final String zfsName;

    VdevType(String zfsName) {
        this.zfsName = zfsName;
    }

    /** The name in the label. */
    public String zfsName() {
        return zfsName;
    }

    /** Whether it is a device rather than a vdev made of children. */
    public boolean isLeaf() {
        return this == DISK || this == FILE;
    }

    /** Whether it is made of children: a leaf or a hole has none. */
    public boolean hasChildren() {
        return !isLeaf() && this != HOLE;
    }

    /**
     * The type the label names.
     *
     * @throws VdevException if jkboot does not read that kind of vdev (draid, indirect, ...)
     */
    public static VdevType fromName(String name) throws VdevException {
        for (VdevType type : values()) {
            if (type.zfsName.equals(name)) {
                return type;
            }
        }
        throw new VdevException("jkboot cannot read ZFS vdevs of type '" + name + "'",
                "boot this pool with FreeBSD's loader, or keep the boot pool on disk, mirror or raidz vdevs");
    }
}
