package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.DiskSpec;
import dev.jkboot.disk.FakeHost;
import dev.jkboot.disk.RootCandidates;
import dev.jkboot.disk.RootSelection;
import dev.jkboot.disk.TestImages;
import dev.jkboot.disk.TestImages.LabelEntry;
import dev.jkboot.disk.TestImages.MbrEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: disks in a fake host tree, partitioned by sgdisk or by hand, with a makefs UFS2
 * image copied into a partition at a non-zero offset; the root is found through the partition
 * table and its files read back.
 */
class FreeBsdRootTest {
    private static final long MIB = 1 << 20;
    private static final UUID FREEBSD_UFS = UUID.fromString("516e7cb6-6ecf-11d6-8ff8-00022d09712b");
    /** Partition 2 of the sgdisk disk: 2048 sectors after the 1 MiB EFI partition. */
    private static final long UFS_START = 4096L * 512;

    @TempDir static Path shared;
    static Path source;
    static byte[] ufs;
    static Path gptDisk;

    @TempDir Path root;
    FakeHost host;

    @BeforeAll
    static void images() throws Exception {
        source = FreeBsdTree.create(shared.resolve("src"));
        Path ufsImage = shared.resolve("ufs.img");
        FreeBsdTree.makefs(source, ufsImage, 4096, 512, "8m");
        ufs = Files.readAllBytes(ufsImage);
        gptDisk = shared.resolve("gpt.img");
        TestImages.writeAt(gptDisk, 32 * MIB - 1, new byte[1]);
        TestImages.run("sgdisk", "-n", "1:2048:+1M", "-t", "1:ef00", "-c", "1:efi",
                "-n", "2:0:+10M", "-t", "2:a503", "-c", "2:rootfs", "-A", "2:set:59",
                "-n", "3:0:+2M", "-t", "3:a502", gptDisk.toString());
        TestImages.writeAt(gptDisk, UFS_START, ufs);
    }

    @BeforeEach
    void host() {
        host = new FakeHost(root);
    }

    /** A disk in the host tree: sysfs entry plus device node holding {@code image}'s bytes. */
    private Path disk(String name, String serial, Path image) throws Exception {
        host.disk(name, Files.size(image), 512, serial, "254:" + name.charAt(2));
        return Files.copy(image, host.node(name));
    }

    /** A freebsd-ufs GPT partition holding no file system, which must be passed over. */
    private Path decoy() throws Exception {
        Path decoy = shared.resolve("decoy.img");
        if (!Files.exists(decoy)) {
            TestImages.writeGpt(decoy, 512, 32 * 2048, List.of(new TestImages.GptEntry(
                    FREEBSD_UFS, 2048, 20000, 0, "empty")));
        }
        return decoy;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void findsTheRootOnTheSecondDiskAndReadsIt() throws Exception {
        disk("vda", "scratch", decoy());
        Path vdb = disk("vdb", "freebsd", gptDisk);
        String before = sha256(vdb);

        RootSelection selection = RootCandidates.find(root, Optional.empty());
        try (FreeBsdRoot found = FreeBsdRoot.find(selection)) {
            assertEquals("/dev/vdb:2", found.candidate().spec());
            assertEquals(UFS_START, found.candidate().partition().startByte());
            assertEquals(FreeBsdTree.LOADER_CONF,
                    new String(found.fs().readFile("/boot/loader.conf", 1 << 16), StandardCharsets.UTF_8));
            assertArrayEquals(Files.readAllBytes(source.resolve("boot/kernel/kernel")),
                    found.fs().readFile("/boot/kernel/kernel", 64 * MIB));
            assertArrayEquals(Files.readAllBytes(source.resolve("etc/fstab")),
                    found.fs().readFile("/etc/fstab", 1 << 16));
        }
        assertEquals(before, sha256(vdb), "the disk is never written");
    }

    @Test
    void findsTheRootThroughTheBackupGpt() throws Exception {
        Path vda = disk("vda", "freebsd", gptDisk);
        TestImages.corrupt(vda, 512 + 24); // the primary header's own LBA, under its CRC
        RootSelection selection = RootCandidates.find(root, Optional.empty());
        assertTrue(selection.notes().get(0).startsWith(
                "/dev/vda: primary GPT header at LBA 1 is unusable (header CRC32"), selection.notes().toString());
        try (FreeBsdRoot found = FreeBsdRoot.find(selection)) {
            assertEquals("/dev/vda:2", found.candidate().spec());
            assertTrue(found.fs().exists("/boot/defaults/loader.conf"));
        }
    }

    @Test
    void findsTheRootInABsdLabelInsideAnMbrSlice() throws Exception {
        long slice = 63;        // the traditional, unaligned start of slice 1
        long aOffset = 16;      // partition a starts 16 sectors into the slice
        long sliceSectors = 40000;
        Path image = root.resolve("mbr.img");
        TestImages.writeAt(image, 32 * MIB - 1, new byte[1]);
        TestImages.writeAt(image, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x80, 0xa5, slice, sliceSectors))));
        TestImages.writeAt(image, (slice + 1) * 512, TestImages.bsdLabel(512, List.of(
                new LabelEntry(ufs.length / 512, aOffset, 7),
                new LabelEntry(4096, aOffset + ufs.length / 512, 1),
                new LabelEntry(sliceSectors, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0))));
        TestImages.writeAt(image, (slice + aOffset) * 512, ufs);
        disk("vdc", null, image);

        try (FreeBsdRoot found = FreeBsdRoot.find(RootCandidates.find(root, Optional.empty()))) {
            assertEquals("/dev/vdc:1a", found.candidate().spec());
            assertEquals((slice + aOffset) * 512, found.candidate().partition().startByte());
            assertArrayEquals(Files.readAllBytes(source.resolve("boot/kernel/mod49153.ko")),
                    found.fs().readFile("/boot/kernel/mod49153.ko", MIB));
        }
    }

    @Test
    void explicitChoiceBySerialAndLabel() throws Exception {
        disk("vda", "scratch", decoy());
        disk("vdb", "freebsd", gptDisk);
        RootSelection selection = RootCandidates.find(root, Optional.of(DiskSpec.parse("serial=freebsd:rootfs")));
        try (FreeBsdRoot found = FreeBsdRoot.find(selection)) {
            assertEquals("/dev/vdb:2", found.candidate().spec());
        }
    }

    @Test
    void noRootExplainsEveryCandidate() throws Exception {
        disk("vda", "scratch", decoy());
        Path bare = shared.resolve("bare.img");
        Path empty = Files.createDirectories(shared.resolve("nothing"));
        Files.writeString(empty.resolve("README"), "not FreeBSD\n");
        Files.deleteIfExists(bare);
        FreeBsdTree.makefs(empty, bare, 4096, 512, "17m");
        disk("vdb", null, bare);

        UfsException e = assertThrows(UfsException.class,
                () -> FreeBsdRoot.find(RootCandidates.find(root, Optional.empty())));
        assertEquals("no FreeBSD root file system found: /dev/vda:1 has no UFS2 superblock at offset 65536, "
                + "8192, 0 or 262144; /dev/vdb: UFS2, 4 KiB blocks, 512 B fragments, 2 cylinder groups has "
                + "neither /boot/kernel/kernel nor /boot/defaults/loader.conf", e.getMessage());
    }
}
