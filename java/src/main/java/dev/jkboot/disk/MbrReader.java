package dev.jkboot.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The four primary entries of a DOS/MBR partition table in sector 0. */
final class MbrReader {
    private static final int TABLE_OFFSET = 446;
    private static final int ENTRY_SIZE = 16;
    private static final int ENTRIES = 4;
    private static final int TYPE_PROTECTIVE = 0xee;

    private record Entry(int number, int status, int type, long startLba, long sectors) {}

    private final List<Entry> entries;

    private MbrReader(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * The table in a signed sector 0, or empty if a status byte is neither 0x00 nor 0x80: then the
     * 0x55aa belongs to something else (a FAT boot sector, a UFS boot block).
     */
    static Optional<MbrReader> parse(byte[] sector0) {
        ByteBuffer le = ByteBuffer.wrap(sector0).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            int at = TABLE_OFFSET + i * ENTRY_SIZE;
            int status = sector0[at] & 0xff;
            if (status != 0x00 && status != 0x80) {
                return Optional.empty();
            }
            entries.add(new Entry(
                    i + 1,
                    status,
                    sector0[at + 4] & 0xff,
                    Integer.toUnsignedLong(le.getInt(at + 8)),
                    Integer.toUnsignedLong(le.getInt(at + 12))));
        }
        return Optional.of(new MbrReader(entries));
    }

    /** A protective MBR: the disk is really GPT. */
    boolean isProtective() {
        for (var e : entries) {
            if (e.type() == TYPE_PROTECTIVE) {
                return true;
            }
        }
        return false;
    }

    PartitionTable read(BlockDevice dev) throws DiskException {
        int sectorSize = dev.sectorSize();
        long diskSectors = dev.size() / sectorSize;
        List<Partition> partitions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Entry e : entries) {
            if (e.type() == 0 || e.sectors() == 0) {
                continue;
            }
            String id = Integer.toString(e.number());
            String type = "0x%02x".formatted(e.type());
            if (e.type() == 0x05 || e.type() == 0x0f || e.type() == 0x85) {
                notes.add("MBR slice %s is an extended partition (type %s); its logical partitions "
                        .formatted(id, type) + "are not read (FreeBSD roots live in primary slices)");
                continue;
            }
            if (e.startLba() == 0 || e.startLba() + e.sectors() > diskSectors) {
                notes.add("MBR slice %s (type %s, LBA %d, %d sectors) does not fit on %s (%d sectors); ignored"
                        .formatted(id, type, e.startLba(), e.sectors(), dev.name(), diskSectors));
                continue;
            }
            Partition slice = new Partition(
                    id,
                    PartitionScheme.MBR,
                    PartitionKind.ofMbrType(e.type()),
                    type,
                    "",
                    e.startLba() * sectorSize,
                    e.sectors() * sectorSize,
                    0);
            partitions.add(slice);
            if (slice.kind() == PartitionKind.FREEBSD_SLICE) {
                BsdLabelReader.read(dev, slice.startByte(), slice.sizeBytes(), id, notes)
                        .ifPresentOrElse(
                                partitions::addAll,
                                () -> notes.add("FreeBSD slice %s has no BSD label".formatted(id)));
            }
        }
        return new PartitionTable(PartitionScheme.MBR, partitions, "MBR at LBA 0", notes);
    }
}
