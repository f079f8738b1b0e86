package dev.jkboot.disk;

import java.nio.ByteBuffer;

/**
 * One partition of an open disk seen as a device of its own, offsets counted from the partition's
 * start: what a ZFS vdev is (its labels sit at the start and at the end of the partition). Reads
 * outside the partition are refused here, before they reach the disk. Closing it leaves the disk
 * open: the disk belongs to whoever opened it.
 */
public final class PartitionDevice implements BlockDevice {
    private final BlockDevice disk;
    private final Partition partition;
    private final String name;

    /**
     * @param name how the user knows it: the {@code DEV:PART} spelling
     * @throws DiskException if the partition does not lie inside the disk
     */
    public PartitionDevice(BlockDevice disk, Partition partition, String name) throws DiskException {
        if (partition.startByte() < 0 || partition.sizeBytes() < 0
                || partition.startByte() > disk.size() - partition.sizeBytes()) {
            throw new DiskException("%s (%d bytes at 0x%x) does not fit on %s (%d bytes)".formatted(
                    name, partition.sizeBytes(), partition.startByte(), disk.name(), disk.size()),
                    "the partition table is damaged; check it with gpart show on FreeBSD");
        }
        this.disk = disk;
        this.partition = partition;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return partition.sizeBytes();
    }

    @Override
    public int sectorSize() {
        return disk.sectorSize();
    }

    @Override
    public byte[] read(long offset, int length) throws DiskException {
        return disk.read(inside(offset, length), length);
    }

    @Override
    public ByteBuffer map(long offset, int length) throws DiskException {
        return disk.map(inside(offset, length), length);
    }

    private long inside(long offset, int length) throws DiskException {
        if (offset < 0 || length < 0 || offset > size() - length) {
            throw new DiskException("%s: read of %d bytes at offset 0x%x goes past the end of the partition "
                    .formatted(name, length, offset) + "(%d bytes)".formatted(size()),
                    "the file system points outside its partition; it is damaged");
        }
        return partition.startByte() + offset;
    }

    @Override
    public void close() {
        // The disk stays open: it is shared by the partitions read from it.
    }
}
