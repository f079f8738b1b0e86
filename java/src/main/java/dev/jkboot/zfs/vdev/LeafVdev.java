package dev.jkboot.zfs.vdev;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumException;
import java.nio.ByteBuffer;

/**
 * A disk or file vdev: a DVA's offset counts from the end of the two front labels and the boot
 * area, and blocks end before the two back labels (vdev_label_offset, VDEV_LABEL_START_SIZE,
 * VDEV_LABEL_END_SIZE in sys/contrib/openzfs/include/sys/vdev_impl.h).
 */
public final class LeafVdev implements Vdev {
    /** {@code sizeof (vdev_label_t)}. */
    public static final int LABEL_SIZE = 256 * 1024;
    /** L0, L1 and the 3.5 MiB boot block area before the first allocatable byte. */
    public static final long LABEL_START_SIZE = 2L * LABEL_SIZE + (7L << 19);
    /** L2 and L3 after the last allocatable byte. */
    public static final long LABEL_END_SIZE = 2L * LABEL_SIZE;

    private final VdevSpec spec;
    private final BlockDevice device;
    private final long allocatable;

    LeafVdev(VdevSpec spec, BlockDevice device) {
        this.spec = spec;
        this.device = device;
        // The vdev's size is the device's, in whole labels (vdev_psize in the loader).
        long whole = device.size() - device.size() % LABEL_SIZE;
        this.allocatable = Math.max(0, whole - LABEL_START_SIZE - LABEL_END_SIZE);
    }

    @Override
    public String describe() {
        return spec.describe() + " (" + device.name() + ")";
    }

    @Override
    public ByteBuffer read(long offset, int size, BlockCheck check) throws VdevException, ChecksumException {
        if (offset < 0 || size < 0 || offset > allocatable - size) {
            throw new VdevException("a ZFS block at offset %d (%d bytes) lies outside %s, which holds %d bytes"
                    .formatted(offset, size, describe(), allocatable), "the block pointer is damaged, or the pool's vdev is not the device it names");
        }
        ByteBuffer block;
        try {
            block = ByteBuffer.wrap(device.read(LABEL_START_SIZE + offset, size));
        } catch (DiskException e) {
            throw new VdevException("cannot read a ZFS block from " + describe() + ": " + e.getMessage(), e.fix(), e);
        }
        check.verify(block.asReadOnlyBuffer());
        return block;
    }
}
