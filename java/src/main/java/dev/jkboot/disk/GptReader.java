package dev.jkboot.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A GUID partition table (UEFI spec §5.3; FreeBSD's sys/sys/disk/gpt.h). The primary header at
 * LBA 1 is used when it and its partition array pass their CRC32 checks; otherwise the backup
 * header at the last LBA, and the table says which one it used.
 */
final class GptReader {
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_REVISION = 0x00010000;
    private static final int MIN_HEADER_SIZE = 92;
    private static final int MIN_ENTRY_SIZE = 128;
    /** 8192 entries of 128 bytes; real tables hold 128 entries (16 KiB). */
    private static final long MAX_ARRAY_BYTES = 1 << 20;
    private static final int NAME_OFFSET = 56;
    private static final int NAME_UNITS = 36;

    private record Header(
            long alternateLba, long firstUsable, long lastUsable, long arrayLba, int entries,
            int entrySize, int arrayCrc) {}

    /** A header and its checked partition array, or why the header at an LBA cannot be used. */
    private record Attempt(Header header, byte[] array, String failure) {
        static Attempt failed(String failure) {
            return new Attempt(null, null, failure);
        }
    }

    private GptReader() {}

    static PartitionTable read(BlockDevice dev) throws DiskException {
        long lastLba = dev.size() / dev.sectorSize() - 1;
        List<String> notes = new ArrayList<>();
        Attempt primary = attempt(dev, 1, lastLba);
        if (primary.header() != null) {
            Attempt backup = attempt(dev, primary.header().alternateLba(), lastLba);
            if (backup.header() == null) {
                notes.add("backup GPT header at LBA %d is unusable (%s); the primary is fine"
                        .formatted(primary.header().alternateLba(), backup.failure()));
            }
            return table(dev, primary, "primary GPT header at LBA 1", notes);
        }
        Attempt backup = attempt(dev, lastLba, lastLba);
        if (backup.header() == null) {
            throw new DiskException(
                    "%s has a protective MBR but no usable GPT: primary header at LBA 1: %s; "
                            .formatted(dev.name(), primary.failure())
                            + "backup header at LBA %d: %s".formatted(lastLba, backup.failure()),
                    otherSectorSize(dev)
                            + "the partition table is damaged; inspect it with gpart show or sgdisk -v");
        }
        notes.add("primary GPT header at LBA 1 is unusable (%s); used the backup"
                .formatted(primary.failure()));
        return table(dev, backup, "backup GPT header at LBA " + lastLba, notes);
    }

    /** A hint when the GPT header sits where the other common sector size would put it. */
    private static String otherSectorSize(BlockDevice dev) throws DiskException {
        int other = dev.sectorSize() == 512 ? 4096 : 512;
        if (dev.size() < 2L * other) {
            return "";
        }
        byte[] signature = dev.read(other, SIGNATURE.length);
        return Arrays.equals(signature, SIGNATURE)
                ? "\"EFI PART\" is at byte %d: the table was written for %d-byte sectors, not %d; "
                        .formatted(other, other, dev.sectorSize())
                : "";
    }

    private static Attempt attempt(BlockDevice dev, long lba, long lastLba) throws DiskException {
        int sectorSize = dev.sectorSize();
        if (lba < 1 || lba > lastLba) {
            return Attempt.failed("LBA %d is outside the disk".formatted(lba));
        }
        byte[] sector = dev.read(lba * sectorSize, sectorSize);
        ByteBuffer le = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sector[i] != SIGNATURE[i]) {
                return Attempt.failed("no \"EFI PART\" signature");
            }
        }
        int revision = le.getInt(8);
        int headerSize = le.getInt(12);
        if (Integer.compareUnsigned(revision, MIN_REVISION) < 0) {
            return Attempt.failed("unsupported revision 0x%08x".formatted(revision));
        }
        if (headerSize < MIN_HEADER_SIZE || headerSize > sectorSize) {
            return Attempt.failed("header size %d is outside %d..%d"
                    .formatted(Integer.toUnsignedLong(headerSize), MIN_HEADER_SIZE, sectorSize));
        }
        int storedCrc = le.getInt(16);
        le.putInt(16, 0);
        int computedCrc = crc32(sector, 0, headerSize);
        if (storedCrc != computedCrc) {
            return Attempt.failed("header CRC32 0x%08x does not match the computed 0x%08x"
                    .formatted(storedCrc, computedCrc));
        }
        long self = le.getLong(24);
        Header h = new Header(
                le.getLong(32), le.getLong(40), le.getLong(48), le.getLong(72), le.getInt(80),
                le.getInt(84), le.getInt(88));
        if (self != lba) {
            return Attempt.failed("header says it is at LBA %s".formatted(Long.toUnsignedString(self)));
        }
        if (h.alternateLba() == self) {
            return Attempt.failed("alternate LBA equals its own LBA");
        }
        if (h.firstUsable() < 0 || h.lastUsable() < h.firstUsable() || h.lastUsable() > lastLba) {
            return Attempt.failed("usable LBAs %s..%s do not fit the disk (last LBA %d)"
                    .formatted(Long.toUnsignedString(h.firstUsable()),
                            Long.toUnsignedString(h.lastUsable()), lastLba));
        }
        long entries = Integer.toUnsignedLong(h.entries());
        long entrySize = Integer.toUnsignedLong(h.entrySize());
        if (entries == 0 || entrySize < MIN_ENTRY_SIZE || Long.bitCount(entrySize) != 1
                || entries * entrySize > MAX_ARRAY_BYTES) {
            return Attempt.failed("partition array of %d entries of %d bytes is not plausible"
                    .formatted(entries, entrySize));
        }
        long arraySectors = (entries * entrySize + sectorSize - 1) / sectorSize;
        if (h.arrayLba() < 1 || h.arrayLba() > lastLba - arraySectors + 1) {
            return Attempt.failed("partition array at LBA %s does not fit the disk"
                    .formatted(Long.toUnsignedString(h.arrayLba())));
        }
        byte[] array = dev.read(h.arrayLba() * sectorSize, (int) (entries * entrySize));
        int arrayCrc = crc32(array, 0, array.length);
        if (arrayCrc != h.arrayCrc()) {
            return Attempt.failed("partition array CRC32 0x%08x does not match the computed 0x%08x"
                    .formatted(h.arrayCrc(), arrayCrc));
        }
        return new Attempt(h, array, null);
    }

    private static PartitionTable table(
            BlockDevice dev, Attempt valid, String source, List<String> notes)
            throws DiskException {
        int sectorSize = dev.sectorSize();
        Header h = valid.header();
        byte[] array = valid.array();
        ByteBuffer le = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < h.entries(); i++) {
            int at = i * h.entrySize();
            UUID type = Guids.read(array, at);
            if (type.getMostSignificantBits() == 0 && type.getLeastSignificantBits() == 0) {
                continue;
            }
            String id = Integer.toString(i + 1);
            long first = le.getLong(at + 32);
            long last = le.getLong(at + 40);
            if (first < h.firstUsable() || last > h.lastUsable() || first > last) {
                notes.add("GPT entry %s (LBA %s..%s) lies outside the usable LBAs %d..%d; ignored"
                        .formatted(id, Long.toUnsignedString(first), Long.toUnsignedString(last),
                                h.firstUsable(), h.lastUsable()));
                continue;
            }
            Partition p = new Partition(
                    id,
                    PartitionScheme.GPT,
                    PartitionKind.ofGptType(type),
                    type.toString(),
                    name(array, at + NAME_OFFSET),
                    first * sectorSize,
                    (last - first + 1) * sectorSize,
                    le.getLong(at + 48));
            partitions.add(p);
            if (p.kind() == PartitionKind.FREEBSD_SLICE) {
                BsdLabelReader.read(dev, p.startByte(), p.sizeBytes(), id, notes)
                        .ifPresent(partitions::addAll);
            }
        }
        return new PartitionTable(PartitionScheme.GPT, partitions, source, notes);
    }

    /** The UTF-16LE partition name, up to its first NUL. */
    private static String name(byte[] array, int offset) {
        String name = new String(array, offset, NAME_UNITS * 2, StandardCharsets.UTF_16LE);
        int nul = name.indexOf('\0');
        return nul < 0 ? name : name.substring(0, nul);
    }

    private static int crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
