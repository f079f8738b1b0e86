package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.disk.TestImages.LabelEntry;
import dev.jkboot.disk.TestImages.MbrEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MbrAndBsdLabelTest {
    private static final long SLICE = 2048;
    private static final long SLICE_SECTORS = 30000;

    @TempDir Path dir;

    private Path image() throws Exception {
        Path image = dir.resolve("mbr.img");
        TestImages.writeAt(image, 32L * 1024 * 1024 - 1, new byte[1]);
        return image;
    }

    private static PartitionTable read(Path image, int sectorSize) throws DiskException {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, sectorSize)) {
            return PartitionTable.read(dev);
        }
    }

    /** A FreeBSD-style label: a = root, b = swap, c = raw (whole slice), d = /usr. */
    private static byte[] label(long base) {
        return TestImages.bsdLabel(512, List.of(
                new LabelEntry(16000, base, 7),
                new LabelEntry(4000, base + 16000, 1),
                new LabelEntry(SLICE_SECTORS, base, 0),
                new LabelEntry(10000, base + 20000, 7),
                new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0)));
    }

    // Old labels store offsets from the disk start (c at the slice start), newer ones from the
    // slice (c at 0); both must give the same partitions.
    @ParameterizedTest
    @ValueSource(longs = {0, SLICE})
    void labelInAFreebsdSliceGivesPartitionsRelativeToTheSlice(long base) throws Exception {
        Path image = image();
        TestImages.writeAt(image, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x00, 0x0c, 63, 1985),
                new MbrEntry(0x80, 0xa5, SLICE, SLICE_SECTORS),
                new MbrEntry(0x00, 0x0f, 40000, 1000))));
        TestImages.writeAt(image, (SLICE + 1) * 512, label(base));

        PartitionTable table = read(image, 512);
        assertEquals(PartitionScheme.MBR, table.scheme());
        assertEquals(List.of("1", "2", "2a", "2b", "2d"),
                table.partitions().stream().map(Partition::id).toList());
        Partition slice = table.partitions().get(1);
        assertEquals(PartitionKind.FREEBSD_SLICE, slice.kind());
        assertEquals("0xa5", slice.type());
        Partition a = table.partitions().get(2);
        assertEquals(PartitionScheme.BSD, a.scheme());
        assertEquals(PartitionKind.FREEBSD_UFS, a.kind());
        assertEquals(SLICE * 512, a.startByte());
        assertEquals(16000L * 512, a.sizeBytes());
        assertEquals(PartitionKind.FREEBSD_SWAP, table.partitions().get(3).kind());
        assertEquals((SLICE + 20000) * 512, table.partitions().get(4).startByte());
        assertEquals(List.of("MBR slice 3 is an extended partition (type 0x0f); its logical "
                + "partitions are not read (FreeBSD roots live in primary slices)"), table.notes());
    }

    @Test
    void labelBytesMatchStructDisklabel() {
        byte[] label = TestImages.bsdLabel(512, List.of(
                new LabelEntry(0x10, 0x20, 7), new LabelEntry(0, 0, 0), new LabelEntry(0x30, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0)));
        HexFormat hex = HexFormat.of();
        assertEquals("57455682", hex.formatHex(label, 0, 4));      // d_magic
        assertEquals("00020000", hex.formatHex(label, 40, 44));    // d_secsize 512
        assertEquals("57455682", hex.formatHex(label, 132, 136));  // d_magic2
        assertEquals("0800", hex.formatHex(label, 138, 140));      // d_npartitions 8
        assertEquals("10000000" + "20000000" + "00000000" + "07000000",
                hex.formatHex(label, 148, 164));                   // a: size, offset, fsize, fstype
        short xor = 0;
        ByteBuffer le = ByteBuffer.wrap(label).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 148 + 8 * 16; i += 2) {
            xor ^= le.getShort(i);
        }
        assertEquals(0, xor, "d_checksum makes the XOR of the label words zero");
    }

    @Test
    void damagedLabelsAreIgnoredWithAReason() throws Exception {
        Path image = image();
        TestImages.writeAt(image, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x80, 0xa5, SLICE, SLICE_SECTORS),
                new MbrEntry(0x00, 0xa5, 40000, 1000),
                new MbrEntry(0x00, 0xa5, 50000, 1000))));
        byte[] wrongSectorSize = label(0);
        ByteBuffer.wrap(wrongSectorSize).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 4096);
        TestImages.writeAt(image, (SLICE + 1) * 512, wrongSectorSize);
        byte[] oneMagic = label(0);
        oneMagic[132] = 0;
        TestImages.writeAt(image, 40001L * 512, oneMagic);

        PartitionTable table = read(image, 512);
        assertEquals(List.of("1", "2", "3"), table.partitions().stream().map(Partition::id).toList());
        assertEquals(List.of(
                "BSD label of slice 1 of %s at offset 0x100200 is for 4096-byte sectors but the disk has 512-byte sectors; ignored".formatted(image),
                "FreeBSD slice 1 has no BSD label",
                "BSD label of slice 2 of %s at offset 0x1388200 has only one of its two magic numbers; ignored as damaged".formatted(image),
                "FreeBSD slice 2 has no BSD label",
                "FreeBSD slice 3 has no BSD label"),
                table.notes());
    }

    @Test
    void labelPartitionOutsideItsSliceIsIgnored() throws Exception {
        Path image = image();
        TestImages.writeAt(image, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x80, 0xa5, SLICE, 1000))));
        TestImages.writeAt(image, (SLICE + 1) * 512, TestImages.bsdLabel(512, List.of(
                new LabelEntry(2000, 0, 7), new LabelEntry(0, 0, 0), new LabelEntry(1000, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0))));
        PartitionTable table = read(image, 512);
        assertEquals(List.of("1"), table.partitions().stream().map(Partition::id).toList());
        assertEquals(List.of("partition 1a (sectors 0+2000, raw partition c at 0) lies outside "
                + "slice 1 of " + image + "; ignored"), table.notes());
    }

    @Test
    void sliceBeyondTheDiskIsIgnored() throws Exception {
        Path image = image();
        TestImages.writeAt(image, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x80, 0xa5, 60000, 10000))));
        PartitionTable table = read(image, 512);
        assertEquals(List.of(), table.partitions());
        assertEquals(List.of("MBR slice 1 (type 0xa5, LBA 60000, 10000 sectors) does not fit on "
                + image + " (65536 sectors); ignored"), table.notes());
    }

    @Test
    void dedicatedDiskHasALabelInSectorOne() throws Exception {
        Path image = image();
        TestImages.writeAt(image, 512, label(0));
        PartitionTable table = read(image, 512);
        assertEquals(PartitionScheme.BSD, table.scheme());
        assertEquals(List.of("a", "b", "d"), table.partitions().stream().map(Partition::id).toList());
        assertEquals(0, table.partitions().get(0).startByte());
    }

    @Test
    void noTableMeansTheWholeDisk() throws Exception {
        Path image = image();
        PartitionTable table = read(image, 512);
        assertEquals(PartitionScheme.NONE, table.scheme());
        assertEquals(List.of(Partition.wholeDisk(32L * 1024 * 1024)), table.partitions());
        assertEquals("whole disk 32 MiB at 0x0", table.partitions().get(0).describe());
    }

    @Test
    void signatureWithImpossibleStatusBytesIsNotAnMbr() throws Exception {
        Path image = image();
        byte[] sector = TestImages.mbr(512, List.of(new MbrEntry(0x80, 0xa5, SLICE, SLICE_SECTORS)));
        sector[446 + 16] = 0x12; // a FAT or UFS boot block, not a partition table
        TestImages.writeAt(image, 0, sector);
        assertEquals(PartitionScheme.NONE, read(image, 512).scheme());
    }
}
