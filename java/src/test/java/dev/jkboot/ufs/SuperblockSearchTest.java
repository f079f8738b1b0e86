package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreeBSD's newfs writes the UFS2 superblock at 64 KiB, Debian's makefs at 8 KiB; both are
 * accepted when the superblock's own fs_sblockloc agrees, as FreeBSD's ffs_sbget requires. The
 * superblock of a makefs image is moved around an otherwise empty image to show which is chosen.
 */
class SuperblockSearchTest {
    private static final int SBLOCKLOC = 1000;

    @TempDir static Path dir;
    static byte[] superblock;
    static long size;

    @BeforeAll
    static void superblock() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("file"), "x");
        Path image = dir.resolve("ufs.img");
        FreeBsdTree.makefs(src, image, 32768, 4096, "4m");
        byte[] bytes = Files.readAllBytes(image);
        superblock = Arrays.copyOfRange(bytes, 8192, 8192 + Superblock.SBLOCKSIZE);
        size = bytes.length;
    }

    private static byte[] at(long location) {
        byte[] copy = superblock.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(SBLOCKLOC, location);
        return copy;
    }

    private Superblock open(Path image) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512)) {
            return Ufs2.open(dev, 0, size, "test.img").superblock();
        }
    }

    @Test
    void newfsLocationAt64KibIsFoundFirst() throws Exception {
        Path image = dir.resolve("newfs.img");
        TestImages.writeAt(image, size - 1, new byte[1]);
        TestImages.writeAt(image, 65536, at(65536));
        TestImages.writeAt(image, 8192, at(8192));
        assertEquals(65536, open(image).location());
    }

    @Test
    void superblockWhoseRecordedLocationDiffersIsAnAlternateAndSkipped() throws Exception {
        Path image = dir.resolve("moved.img");
        TestImages.writeAt(image, size - 1, new byte[1]);
        TestImages.writeAt(image, 8192, at(65536));
        UfsException e = assertThrows(UfsException.class, () -> open(image));
        assertEquals("test.img has no UFS2 superblock at offset 65536, 8192, 0 or 262144", e.getMessage());
        TestImages.writeAt(image, 262144, at(262144));
        assertEquals(262144, open(image).location());
    }

    @Test
    void fieldsComeFromTheirStructFsOffsets() throws Exception {
        Path image = dir.resolve("fields.img");
        TestImages.writeAt(image, size - 1, new byte[1]);
        byte[] sb = at(8192);
        byte[] name = "rootfs\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, sb, 680, name.length);             // fs_volname
        ByteBuffer.wrap(sb).order(ByteOrder.LITTLE_ENDIAN).putInt(1312, 0x0a); // fs_flags: SOFTDEP|SUJ
        sb[209] = 0;                                                   // fs_clean
        TestImages.writeAt(image, 8192, sb);
        Superblock parsed = open(image);
        assertEquals("rootfs", parsed.volumeName());
        assertEquals("UFS2 \"rootfs\", 32 KiB blocks, 4 KiB fragments, 1 cylinder groups, "
                + "soft updates with journal, not cleanly unmounted", parsed.describe());
        assertEquals(1024, parsed.sizeFrags());
        assertEquals(32768, parsed.bsize());
    }
}
