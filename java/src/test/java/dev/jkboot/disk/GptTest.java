package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.RequiredTool;
import dev.jkboot.disk.TestImages.GptEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GptTest {
    /** sgdisk sleeps a second after writing, so it runs once and each test gets a copy. */
    @TempDir static Path shared;
    private static Path sgdiskTemplate;

    @TempDir Path dir;

    @BeforeAll
    static void runSgdiskOnce() throws Exception {
        // Without sgdisk only the sgdisk tests are skipped (or fail under RequiredTool.strict());
        // the others build their tables themselves.
        if (RequiredTool.find("sgdisk").isEmpty()) {
            return;
        }
        Path image = shared.resolve("sgdisk.img");
        TestImages.writeAt(image, 24L * 1024 * 1024 - 1, new byte[1]);
        TestImages.run("sgdisk",
                "-n", "1:2048:+1M", "-t", "1:ef00", "-c", "1:efi",
                "-n", "2:0:+512K", "-t", "2:a501",
                "-n", "3:0:+2M", "-t", "3:a502", "-c", "3:swapfs",
                "-n", "4:0:+4M", "-t", "4:a504",
                "-n", "5:0:0", "-t", "5:a503", "-c", "5:rootfs", "-A", "5:set:59",
                image.toString());
        sgdiskTemplate = image;
    }

    private Path sgdiskImage() throws Exception {
        RequiredTool.require("sgdisk");
        return Files.copy(sgdiskTemplate, dir.resolve("disk.img"));
    }

    private static PartitionTable read(Path image, int sectorSize) throws DiskException {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, sectorSize)) {
            return PartitionTable.read(dev);
        }
    }

    @Test
    void readsWhatSgdiskWrote() throws Exception {
        PartitionTable table = read(sgdiskImage(), 512);
        assertEquals(PartitionScheme.GPT, table.scheme());
        assertEquals("primary GPT header at LBA 1", table.source());
        assertEquals(List.of(), table.notes());
        List<Partition> p = table.partitions();
        assertEquals(List.of("1", "2", "3", "4", "5"), p.stream().map(Partition::id).toList());
        assertEquals(
                List.of(PartitionKind.EFI, PartitionKind.FREEBSD_BOOT, PartitionKind.FREEBSD_SWAP,
                        PartitionKind.FREEBSD_ZFS, PartitionKind.FREEBSD_UFS),
                p.stream().map(Partition::kind).toList());
        assertEquals("efi", p.get(0).label());
        assertEquals(2048L * 512, p.get(0).startByte());
        assertEquals(1024L * 1024, p.get(0).sizeBytes());
        assertEquals(p.get(0).endByte(), p.get(1).startByte());
        assertEquals("swapfs", p.get(2).label());
        Partition root = p.get(4);
        assertEquals("rootfs", root.label());
        assertEquals("516e7cb6-6ecf-11d6-8ff8-00022d09712b", root.type());
        assertTrue(root.bootme());
        assertFalse(root.bootonce());
        assertFalse(p.get(2).bootme());
        // "0" as end is sgdisk's last usable LBA: before the 32-sector backup array and header.
        assertEquals((24L * 2048 - 33) * 512, root.endByte());
        assertTrue(root.describe().contains("freebsd-ufs \"rootfs\""), root.describe());
        assertTrue(root.describe().endsWith("[bootme]"), root.describe());
    }

    @Test
    void usesTheBackupWhenThePrimaryHeaderCrcFails() throws Exception {
        Path image = sgdiskImage();
        TestImages.corrupt(image, 512 + 40); // first usable LBA, covered by the header CRC
        PartitionTable table = read(image, 512);
        assertEquals("backup GPT header at LBA " + (24 * 2048 - 1), table.source());
        assertEquals(1, table.notes().size());
        assertTrue(table.notes().get(0).contains("primary GPT header at LBA 1 is unusable (header CRC32"),
                table.notes().get(0));
        assertEquals(5, table.partitions().size());
        assertTrue(table.partitions().get(4).bootme());
    }

    @Test
    void usesTheBackupWhenThePrimaryArrayCrcFails() throws Exception {
        Path image = sgdiskImage();
        TestImages.corrupt(image, 2 * 512 + 128 + 60); // a byte of entry 2's name
        PartitionTable table = read(image, 512);
        assertTrue(table.source().startsWith("backup GPT header"), table.source());
        assertTrue(table.notes().get(0).contains("partition array CRC32"), table.notes().get(0));
        assertEquals("rootfs", table.partitions().get(4).label());
    }

    @Test
    void notesADamagedBackupButUsesThePrimary() throws Exception {
        Path image = sgdiskImage();
        TestImages.corrupt(image, 24L * 1024 * 1024 - 512); // first byte of the backup signature
        PartitionTable table = read(image, 512);
        assertEquals("primary GPT header at LBA 1", table.source());
        assertEquals(List.of("backup GPT header at LBA 49151 is unusable (no \"EFI PART\" signature); "
                + "the primary is fine"), table.notes());
    }

    @Test
    void bothHeadersDamagedIsAnErrorNamingBothLbas() throws Exception {
        Path image = sgdiskImage();
        TestImages.corrupt(image, 512);
        TestImages.corrupt(image, 24L * 1024 * 1024 - 512 + 16); // backup header CRC field
        DiskException e = assertThrows(DiskException.class, () -> read(image, 512));
        assertEquals(image + " has a protective MBR but no usable GPT: primary header at LBA 1: "
                + "no \"EFI PART\" signature; backup header at LBA 49151: header CRC32 "
                + e.getMessage().substring(e.getMessage().indexOf("header CRC32 ") + 13),
                e.getMessage());
        assertTrue(e.getMessage().contains("does not match the computed"), e.getMessage());
        assertEquals(ExitStatus.INPUT, e.exitStatus());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void honoursTheSectorSize(int sectorSize) throws Exception {
        Path image = dir.resolve("disk" + sectorSize + ".img");
        long sectors = 16L * 1024 * 1024 / sectorSize;
        TestImages.writeGpt(image, sectorSize, sectors, List.of(
                new GptEntry(PartitionKind.GPT_EFI, 256, 511, 0, "esp"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 1024, 2047,
                        Partition.GPT_ATTR_BOOTONCE, "root/fs ü")));
        PartitionTable table = read(image, sectorSize);
        Partition root = table.partitions().get(1);
        assertEquals(1024L * sectorSize, root.startByte());
        assertEquals(1024L * sectorSize, root.sizeBytes());
        assertEquals("root/fs ü", root.label());
        assertTrue(root.bootonce());
        assertFalse(root.bootme());
        assertEquals(List.of(), table.notes());
    }

    @Test
    void aGptWrittenFor512ByteSectorsIsNotFoundWith4096() throws Exception {
        Path image = dir.resolve("disk.img");
        TestImages.writeGpt(image, 512, 32768, List.of(
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 2048, 4095, 0, "")));
        DiskException e = assertThrows(DiskException.class, () -> read(image, 4096));
        assertTrue(e.getMessage().contains("primary header at LBA 1: no \"EFI PART\" signature"),
                e.getMessage());
        assertTrue(e.fix().startsWith("\"EFI PART\" is at byte 512: the table was written for 512-byte "
                + "sectors, not 4096; "), e.fix());
    }

    @Test
    void entriesOutsideTheUsableLbasAreIgnoredWithANote() throws Exception {
        Path image = dir.resolve("disk.img");
        TestImages.writeGpt(image, 512, 32768, List.of(
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 2048, 40000, 0, "toolong"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 5000, 4000, 0, "backwards"),
                new GptEntry(PartitionKind.GPT_FREEBSD_SWAP, 2048, 4095, 0, "swap")));
        PartitionTable table = read(image, 512);
        assertEquals(List.of("3"), table.partitions().stream().map(Partition::id).toList());
        assertEquals(List.of(
                "GPT entry 1 (LBA 2048..40000) lies outside the usable LBAs 34..32734; ignored",
                "GPT entry 2 (LBA 5000..4000) lies outside the usable LBAs 34..32734; ignored"),
                table.notes());
    }

    @Test
    void partitionsAreFoundByIdOrByAUniqueName() throws Exception {
        Path image = dir.resolve("disk.img");
        TestImages.writeGpt(image, 512, 32768, List.of(
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 2048, 4095, 0, "3"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 4096, 8191, 0, "twin"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 8192, 9999, 0, "twin")));
        PartitionTable table = read(image, 512);
        assertEquals(8192L * 512, table.find("3").orElseThrow().startByte(), "ids win over names");
        assertEquals(2048L * 512, table.find("1").orElseThrow().startByte());
        assertTrue(table.find("twin").isEmpty(), "an ambiguous name selects nothing");
        assertTrue(table.find("4").isEmpty());
    }
}
