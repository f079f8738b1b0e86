package dev.jkboot.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BSD disklabel ({@code struct disklabel}, sys/sys/disklabel.h) in sector 1 of a FreeBSD slice.
 *
 * <p>Rules follow FreeBSD's GEOM (g_part_bsd.c), which decides what the kernel will mount: both
 * magics must be present, {@code d_secsize} must equal the sector size, there are 8 to 20
 * entries, and offsets are made relative to the slice by subtracting the offset of the raw
 * partition {@code c} (old labels hold absolute offsets with {@code c} at the slice start, newer
 * ones hold 0 there). Like GEOM and the loader, {@code d_checksum} is not checked.
 */
final class BsdLabelReader {
    static final int DISKMAGIC = 0x82564557;
    private static final int MAGIC2_OFFSET = 132;
    private static final int SECSIZE_OFFSET = 40;
    private static final int NPARTITIONS_OFFSET = 138;
    private static final int PARTITIONS_OFFSET = 148;
    private static final int PARTITION_SIZE = 16;
    private static final int MIN_PARTITIONS = 8;
    private static final int MAX_PARTITIONS = 20;
    private static final int RAW_PART = 2;

    private BsdLabelReader() {}

    /**
     * The label's partitions (ids {@code prefix + letter}), or empty when the slice has no label;
     * a label that is present but unusable is explained in {@code notes}.
     */
    static Optional<List<Partition>> read(
            BlockDevice dev, long sliceStart, long sliceSize, String prefix, List<String> notes)
            throws DiskException {
        int sectorSize = dev.sectorSize();
        String where = prefix.isEmpty() ? dev.name() : "slice " + prefix + " of " + dev.name();
        if (sliceSize < 2L * sectorSize) {
            return Optional.empty();
        }
        byte[] sector = dev.read(sliceStart + sectorSize, sectorSize);
        ByteBuffer le = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        boolean magic1 = le.getInt(0) == DISKMAGIC;
        boolean magic2 = le.getInt(MAGIC2_OFFSET) == DISKMAGIC;
        if (!magic1 && !magic2) {
            return Optional.empty();
        }
        String at = "BSD label of %s at offset 0x%x".formatted(where, sliceStart + sectorSize);
        if (magic1 != magic2) {
            notes.add(at + " has only one of its two magic numbers; ignored as damaged");
            return Optional.empty();
        }
        long secsize = Integer.toUnsignedLong(le.getInt(SECSIZE_OFFSET));
        if (secsize != sectorSize) {
            notes.add(at + " is for %d-byte sectors but the disk has %d-byte sectors; ignored"
                    .formatted(secsize, sectorSize));
            return Optional.empty();
        }
        int count = Short.toUnsignedInt(le.getShort(NPARTITIONS_OFFSET));
        if (count < MIN_PARTITIONS || count > MAX_PARTITIONS
                || PARTITIONS_OFFSET + count * PARTITION_SIZE > sectorSize) {
            notes.add(at + " claims %d partitions (8 to 20 are valid); ignored".formatted(count));
            return Optional.empty();
        }
        long sliceSectors = sliceSize / sectorSize;
        long rawOffset = Integer.toUnsignedLong(
                le.getInt(PARTITIONS_OFFSET + RAW_PART * PARTITION_SIZE + 4));
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = PARTITIONS_OFFSET + i * PARTITION_SIZE;
            long size = Integer.toUnsignedLong(le.getInt(entry));
            long offset = Integer.toUnsignedLong(le.getInt(entry + 4));
            int fstype = sector[entry + 12] & 0xff;
            String id = prefix + (char) ('a' + i);
            if (i == RAW_PART || size == 0) {
                continue;
            }
            if (offset < rawOffset || offset - rawOffset + size > sliceSectors) {
                notes.add("partition %s (sectors %d+%d, raw partition c at %d) lies outside %s; ignored"
                        .formatted(id, offset, size, rawOffset, where));
                continue;
            }
            partitions.add(new Partition(
                    id,
                    PartitionScheme.BSD,
                    PartitionKind.ofBsdFsType(fstype),
                    "fstype " + fstype,
                    "",
                    sliceStart + (offset - rawOffset) * sectorSize,
                    size * sectorSize,
                    0));
        }
        return Optional.of(partitions);
    }
}
