package dev.jkboot.zfs.vdev;

import dev.jkboot.disk.BlockDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds readable vdevs from a pool label's vdev tree and the leaf devices found on the host,
 * checking the tree's numbers first (vdev_init and vdev_raidz_read in stand/libsa/zfs/zfsimpl.c).
 */
public final class Vdevs {
    /** SPA_MINBLOCKSHIFT and ASHIFT_MAX (sys/contrib/openzfs/include/sys/vdev_impl.h). */
    private static final int ASHIFT_MIN = 9;
    private static final int ASHIFT_MAX = 16;
    /** VDEV_RAIDZ_MAXPARITY. */
    private static final int RAIDZ_MAX_PARITY = 3;
    /** More children than any pool has, so that a damaged count cannot make us allocate without end. */
    private static final int CHILDREN_MAX = 255;
    private static final String DAMAGED_FIX = "the pool's label is damaged; import the pool on FreeBSD to rewrite it";

    private Vdevs() {}

    /**
     * The readable form of the top-level vdev {@code spec}. A leaf not in {@code leavesByGuid}
     * is absent: a mirror reads its other children and raidz rebuilds it from parity.
     *
     * @throws VdevException if the tree's numbers make no sense (raidz parity, children count,
     *     ashift), it has a type jkboot cannot read, or no leaf of it is present at all
     */
    public static Vdev open(VdevSpec spec, Map<Long, BlockDevice> leavesByGuid) throws VdevException {
        Vdev vdev = openChild(spec, leavesByGuid, 0);
        if (vdev == null) {
            throw new VdevException("no disk of the ZFS " + spec.describe() + " is present",
                    "attach the pool's disks; jkboot looks for them by guid in /sys/block");
        }
        return vdev;
    }

    /** The vdev, or null when it is absent (a missing leaf, or a mirror with no child present). */
    private static Vdev openChild(VdevSpec spec, Map<Long, BlockDevice> leaves, int depth) throws VdevException {
        if (depth > 2 || spec.children().size() > CHILDREN_MAX) {
            throw new VdevException("the ZFS " + spec.describe() + " nests " + spec.children().size()
                    + " children " + depth + " levels deep, more than any pool has", DAMAGED_FIX);
        }
        if (spec.type().hasChildren() == spec.children().isEmpty()) {
            throw new VdevException("the ZFS " + spec.describe() + " has " + spec.children().size()
                    + " children", DAMAGED_FIX);
        }
        List<Vdev> children = new ArrayList<>();
        for (VdevSpec child : spec.children()) {
            children.add(openChild(child, leaves, depth + 1));
        }
        List<Vdev> present = children.stream().filter(c -> c != null).toList();
        return switch (spec.type()) {
            case DISK, FILE -> leaves.containsKey(spec.guid()) ? new LeafVdev(spec, leaves.get(spec.guid())) : null;
            case MIRROR, REPLACING, SPARE -> present.isEmpty() ? null : new MirrorVdev(spec, present);
            case RAIDZ -> raidz(spec, children, present.size());
            case HOLE -> new HoleVdev(spec);
        };
    }

    private static Vdev raidz(VdevSpec spec, List<Vdev> children, int present) throws VdevException {
        if (spec.nparity() < 1 || spec.nparity() > RAIDZ_MAX_PARITY || spec.children().size() <= spec.nparity()) {
            throw new VdevException("the ZFS " + spec.describe() + " has parity " + spec.nparity() + " over "
                    + spec.children().size() + " children", DAMAGED_FIX);
        }
        if (spec.ashift() < ASHIFT_MIN || spec.ashift() > ASHIFT_MAX) {
            throw new VdevException("the ZFS " + spec.describe() + " has ashift " + spec.ashift(), DAMAGED_FIX);
        }
        return present == 0 ? null : new RaidzVdev(spec, children);
    }
}
