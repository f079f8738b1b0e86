package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Each check of a GPT header (UEFI spec §5.3.2) at its edge, on a disk held in memory: the primary
 * header is changed in one field (its CRC recomputed, so only that field is wrong) and the reader
 * must fall back to the backup and say why, or accept the edge value. These are the checks that keep
 * a damaged header from making jkboot read outside the disk or allocate a huge array.
 */
class GptHeaderLimitsTest {
    private static final int SECTOR = 512;
    private static final long SECTORS = 2048;
    private static final long LAST = SECTORS - 1;
    private static final int ENTRIES = 128;
    private static final int ENTRY_SIZE = 128;
    private static final int ARRAY_SECTORS = ENTRIES * ENTRY_SIZE / SECTOR;
    private static final long FIRST_USABLE = 2 + ARRAY_SECTORS;
    private static final long LAST_USABLE = LAST - ARRAY_SECTORS - 1;
    private static final UUID FREEBSD_UFS = UUID.fromString("516e7cb6-6ecf-11d6-8ff8-00022d09712b");

    /** A disk in memory. */
    record MemoryDisk(byte[] bytes, int sectorSize) implements BlockDevice {
        @Override public String name() { return "mem.img"; }
        @Override public long size() { return bytes.length; }
        @Override public byte[] read(long offset, int length) throws DiskException {
            if (offset < 0 || length < 0 || offset + length > bytes.length) {
                throw new DiskException("read of %d bytes at %d is outside the disk".formatted(length, offset), "");
            }
            return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
        }
        @Override public void close() {}
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** One partition, a protective MBR, primary and backup GPT; {@code primary} changes the primary header. */
    private static MemoryDisk disk(Consumer<ByteBuffer> primary) {
        return disk(SECTORS, primary);
    }

    private static MemoryDisk disk(long sectors, Consumer<ByteBuffer> primary) {
        byte[] d = new byte[(int) (sectors * SECTOR)];
        long last = sectors - 1;
        ByteBuffer all = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        // protective MBR
        d[446 + 4] = (byte) 0xee;
        all.putInt(446 + 8, 1).putInt(446 + 12, (int) Math.min(sectors - 1, 0xffffffffL));
        d[510] = 0x55;
        d[511] = (byte) 0xaa;
        byte[] array = new byte[ENTRIES * ENTRY_SIZE];
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        TestImages.putGuid(array, 0, FREEBSD_UFS);
        a.putLong(32, FIRST_USABLE).putLong(40, FIRST_USABLE + 99);
        byte[] name = "rootfs".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, array, 56, name.length);
        System.arraycopy(array, 0, d, 2 * SECTOR, array.length);
        long backupArray = last - ARRAY_SECTORS;
        System.arraycopy(array, 0, d, (int) (backupArray * SECTOR), array.length);
        header(d, 1, last, 2, array, primary);
        header(d, last, 1, backupArray, array, b -> { });
        return new MemoryDisk(d, SECTOR);
    }

    private static void header(byte[] d, long self, long alternate, long arrayLba, byte[] array,
                               Consumer<ByteBuffer> change) {
        byte[] s = new byte[SECTOR];
        ByteBuffer h = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, "EFI PART".getBytes(StandardCharsets.US_ASCII));
        h.putInt(8, 0x00010000).putInt(12, 92);
        h.putLong(24, self).putLong(32, alternate).putLong(40, FIRST_USABLE).putLong(48, LAST_USABLE);
        h.putLong(72, arrayLba).putInt(80, ENTRIES).putInt(84, ENTRY_SIZE).putInt(88, crc(array, 0, array.length));
        change.accept(h);
        int size = h.getInt(12);
        if (size >= 92 && size <= SECTOR) {
            h.putInt(16, 0);
            h.putInt(16, crc(s, 0, size));
        }
        System.arraycopy(s, 0, d, (int) (self * SECTOR), SECTOR);
    }

    private static PartitionTable read(MemoryDisk d) throws DiskException {
        return PartitionTable.read(d);
    }

    /** The primary is refused with {@code why}: the table comes from the backup and says so. */
    private static void primaryRefused(Consumer<ByteBuffer> change, String why) throws DiskException {
        PartitionTable t = read(disk(change));
        assertEquals("backup GPT header at LBA " + LAST, t.source());
        assertEquals(1, t.partitions().size());
        assertTrue(t.notes().get(0).startsWith("primary GPT header at LBA 1 is unusable (" + why + ")"),
                t.notes().toString());
    }

    private static void primaryAccepted(Consumer<ByteBuffer> change) throws DiskException {
        PartitionTable t = read(disk(change));
        assertEquals("primary GPT header at LBA 1", t.source(), t.notes().toString());
        assertEquals(List.of(), t.notes());
        assertEquals("rootfs", t.partitions().get(0).label());
    }

    @Test
    void theBuiltDiskReadsFromItsPrimaryHeader() throws Exception {
        primaryAccepted(h -> { });
        Partition p = read(disk(h -> { })).partitions().get(0);
        assertEquals(FIRST_USABLE * SECTOR, p.startByte());
        assertEquals(100L * SECTOR, p.sizeBytes());
    }

    @Test
    void headerSizesFrom92BytesToTheSectorAreAccepted() throws Exception {
        primaryAccepted(h -> h.putInt(12, 92));
        primaryAccepted(h -> h.putInt(12, SECTOR));
        primaryRefused(h -> h.putInt(12, 91), "header size 91 is outside 92..512");
        primaryRefused(h -> h.putInt(12, SECTOR + 1), "header size 513 is outside 92..512");
    }

    @Test
    void revisionsFrom1Point0Up() throws Exception {
        primaryAccepted(h -> h.putInt(8, 0x00010000));
        primaryAccepted(h -> h.putInt(8, 0x00010001));
        primaryRefused(h -> h.putInt(8, 0x0000ffff), "unsupported revision 0x0000ffff");
        primaryAccepted(h -> h.putInt(8, 0x80000000)); // unsigned: a very new revision, not a negative one
    }

    @Test
    void theUsableLbasMustFitTheDisk() throws Exception {
        primaryAccepted(h -> h.putLong(48, LAST)); // up to the last LBA itself
        primaryAccepted(h -> h.putLong(40, 0)); // from LBA 0 (nonsense, but nothing is read out of range)
        primaryRefused(h -> h.putLong(48, LAST + 1), "usable LBAs %d..%d do not fit the disk (last LBA %d)"
                .formatted(FIRST_USABLE, LAST + 1, LAST));
        primaryRefused(h -> h.putLong(40, LAST_USABLE + 1), "usable LBAs %d..%d do not fit the disk (last LBA %d)"
                .formatted(LAST_USABLE + 1, LAST_USABLE, LAST));
        primaryRefused(h -> h.putLong(40, -1), "usable LBAs 18446744073709551615..%d do not fit the disk (last LBA %d)"
                .formatted(LAST_USABLE, LAST));
    }

    @Test
    void aUsableRangeOfOneLbaIsAccepted() throws Exception {
        PartitionTable t = read(disk(h -> h.putLong(40, FIRST_USABLE).putLong(48, FIRST_USABLE)));
        assertEquals("primary GPT header at LBA 1", t.source());
        assertTrue(t.notes().get(0).contains("lies outside the usable LBAs"), t.notes().toString());
    }

    @Test
    void thePartitionArrayMustBePlausibleBeforeItIsRead() throws Exception {
        String implausible = "partition array of %d entries of %d bytes is not plausible";
        primaryRefused(h -> h.putInt(80, 0), implausible.formatted(0, 128));
        primaryRefused(h -> h.putInt(84, 64), implausible.formatted(128, 64));
        primaryRefused(h -> h.putInt(84, 192), implausible.formatted(128, 192));
        // 8192 entries of 128 bytes is the most (1 MiB); one more entry is refused before reading
        primaryRefused(h -> h.putInt(80, 8193), implausible.formatted(8193, 128));
        primaryRefused(h -> h.putInt(80, 4096).putInt(84, 512), implausible.formatted(4096, 512));
        primaryRefused(h -> h.putInt(80, -1), implausible.formatted(0xffffffffL, 128));
    }

    @Test
    void aLargestArrayOf1MiBIsReadWhenTheDiskHoldsIt() throws Exception {
        long sectors = 4096;
        long last = sectors - 1;
        // 8192 entries of 128 bytes = 2048 sectors at LBA 2; the first 128 entries are the real ones,
        // the rest zero, so the CRC is that of the 1 MiB array.
        MemoryDisk d = disk(sectors, h -> { });
        byte[] big = new byte[8192 * 128];
        System.arraycopy(d.bytes(), 2 * SECTOR, big, 0, ENTRIES * ENTRY_SIZE);
        System.arraycopy(big, 0, d.bytes(), 2 * SECTOR, big.length);
        header(d.bytes(), 1, last, 2, big, h -> h.putInt(80, 8192).putLong(40, 2 + 2048).putLong(48, last - 33));
        PartitionTable t = read(d);
        assertEquals("primary GPT header at LBA 1", t.source(), t.notes().toString());
    }

    @Test
    void theArrayMustLieBetweenLba1AndTheEndOfTheDisk() throws Exception {
        String outside = "partition array at LBA %d does not fit the disk";
        primaryRefused(h -> h.putLong(72, 0), outside.formatted(0));
        // The array's 32 sectors end exactly at the last LBA: allowed (a backup array sits there too)
        MemoryDisk edge = disk(h -> { });
        long arrayLba = LAST - ARRAY_SECTORS + 1;
        byte[] array = Arrays.copyOfRange(edge.bytes(), 2 * SECTOR, 2 * SECTOR + ENTRIES * ENTRY_SIZE);
        System.arraycopy(array, 0, edge.bytes(), (int) (arrayLba * SECTOR), array.length);
        header(edge.bytes(), 1, LAST, 2, array, h -> h.putLong(72, arrayLba));
        PartitionTable t = read(edge);
        assertEquals("primary GPT header at LBA 1", t.source(), t.notes().toString());
        primaryRefused(h -> h.putLong(72, arrayLba + 1), outside.formatted(arrayLba + 1));
    }

    @Test
    void aHeaderThatIsNotWhereItSaysOrPointsAtItselfIsRefused() throws Exception {
        primaryRefused(h -> h.putLong(24, 2), "header says it is at LBA 2");
        primaryRefused(h -> h.putLong(32, 1), "alternate LBA equals its own LBA");
    }

    @Test
    void aBackupPointerOutsideTheDiskIsANoteAndThePrimaryIsUsed() throws Exception {
        PartitionTable t = read(disk(h -> h.putLong(32, LAST + 1)));
        assertEquals("primary GPT header at LBA 1", t.source());
        assertEquals(List.of("backup GPT header at LBA %d is unusable (LBA %d is outside the disk); the primary is fine"
                .formatted(LAST + 1, LAST + 1)), t.notes());
        PartitionTable zero = read(disk(h -> h.putLong(32, 0)));
        assertEquals(List.of("backup GPT header at LBA 0 is unusable (LBA 0 is outside the disk); the primary is fine"),
                zero.notes());
    }

    @Test
    void entriesOutsideTheUsableLbasAreIgnoredAndThoseAtTheEdgesKept() throws Exception {
        MemoryDisk d = disk(h -> { });
        byte[] array = Arrays.copyOfRange(d.bytes(), 2 * SECTOR, 2 * SECTOR + ENTRIES * ENTRY_SIZE);
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        long[][] spans = {{FIRST_USABLE, LAST_USABLE}, {FIRST_USABLE - 1, FIRST_USABLE + 5},
            {LAST_USABLE - 5, LAST_USABLE + 1}, {FIRST_USABLE + 10, FIRST_USABLE + 9}, {FIRST_USABLE + 7, FIRST_USABLE + 7}};
        for (int i = 0; i < spans.length; i++) {
            TestImages.putGuid(array, i * ENTRY_SIZE, FREEBSD_UFS);
            a.putLong(i * ENTRY_SIZE + 32, spans[i][0]).putLong(i * ENTRY_SIZE + 40, spans[i][1]);
        }
        System.arraycopy(array, 0, d.bytes(), 2 * SECTOR, array.length);
        header(d.bytes(), 1, LAST, 2, array, h -> { });
        PartitionTable t = read(d);
        assertEquals(List.of("1", "5"), t.partitions().stream().map(Partition::id).toList());
        assertEquals(SECTOR, t.partitions().get(1).sizeBytes(), "a partition of one LBA");
        assertEquals(3, t.notes().size(), t.notes().toString());
    }

    @Test
    void aNameOfAll36UnitsHasNoNul() throws Exception {
        MemoryDisk d = disk(h -> { });
        byte[] array = Arrays.copyOfRange(d.bytes(), 2 * SECTOR, 2 * SECTOR + ENTRIES * ENTRY_SIZE);
        String full = "abcdefghijklmnopqrstuvwxyz0123456789";
        byte[] name = full.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, array, 56, name.length);
        System.arraycopy(array, 0, d.bytes(), 2 * SECTOR, array.length);
        header(d.bytes(), 1, LAST, 2, array, h -> { });
        assertEquals(full, read(d).partitions().get(0).label());
    }

    @Test
    void whenBothHeadersFailTheErrorNamesBothAndSpotsA4KiBTable() throws Exception {
        MemoryDisk d = disk(h -> h.putInt(12, 91));
        d.bytes()[(int) (LAST * SECTOR)] = 'X';
        DiskException e = assertThrows(DiskException.class, () -> read(d));
        assertTrue(e.getMessage().contains("primary header at LBA 1: header size 91 is outside 92..512"), e.getMessage());
        assertTrue(e.getMessage().contains("backup header at LBA %d: no \"EFI PART\" signature".formatted(LAST)),
                e.getMessage());
        // "EFI PART" at byte 4096: written for 4 KiB sectors
        System.arraycopy("EFI PART".getBytes(StandardCharsets.US_ASCII), 0, d.bytes(), 4096, 8);
        DiskException hinted = assertThrows(DiskException.class, () -> read(d));
        assertTrue(hinted.fix().startsWith("\"EFI PART\" is at byte 4096: the table was written for 4096-byte"
                + " sectors, not 512; "), hinted.fix());
    }

    @Test
    void theOtherSectorSizeIsLookedForOnlyOnADiskLargeEnoughForIt() throws Exception {
        // Exactly two 4 KiB sectors: the hint's read fits.
        MemoryDisk small = new MemoryDisk(new byte[8192], SECTOR);
        small.bytes()[450] = (byte) 0xee;
        small.bytes()[510] = 0x55;
        small.bytes()[511] = (byte) 0xaa;
        ByteBuffer.wrap(small.bytes()).order(ByteOrder.LITTLE_ENDIAN).putInt(454, 1).putInt(458, 15);
        System.arraycopy("EFI PART".getBytes(StandardCharsets.US_ASCII), 0, small.bytes(), 4096, 8);
        DiskException e = assertThrows(DiskException.class, () -> read(small));
        assertTrue(e.fix().startsWith("\"EFI PART\" is at byte 4096"), e.fix());
        // Nine sectors: "EFI PART" at byte 4096 fits, but the disk cannot hold two 4 KiB sectors.
        MemoryDisk nine = new MemoryDisk(Arrays.copyOf(small.bytes(), 9 * SECTOR), SECTOR);
        ByteBuffer.wrap(nine.bytes()).order(ByteOrder.LITTLE_ENDIAN).putInt(458, 8);
        DiskException none = assertThrows(DiskException.class, () -> read(nine));
        assertTrue(!none.fix().contains("EFI PART"), none.fix());
    }
}
