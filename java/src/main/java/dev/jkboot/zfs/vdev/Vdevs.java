package dev.jkboot.zfs.vdev;

import dev.jkboot.disk.BlockDevice;
import java.util.Map;

/** Builds readable vdevs from a pool label's vdev tree and the leaf devices found on the host. */
public final class Vdevs {
    private Vdevs() {}

    /**
     * The readable form of {@code spec}. A leaf not in {@code leavesByGuid} is absent: a mirror
     * reads its other children and raidz reconstructs it from parity.
     *
     * @throws VdevException if the tree's numbers make no sense (raidz parity, children count,
     *     ashift) or a top-level vdev has no readable leaf at all
     */
    public static Vdev open(VdevSpec spec, Map<Long, BlockDevice> leavesByGuid) throws VdevException {
        throw new VdevException("ZFS vdevs are not implemented yet", "");
    }
}
