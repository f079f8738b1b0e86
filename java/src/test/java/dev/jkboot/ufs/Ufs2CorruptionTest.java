package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a makefs image in one place at a time and checks that reading fails with a
 * {@link UfsException} that names the structure, or (for holes and triple indirection, which
 * makefs cannot produce) that the patched file reads as FreeBSD would read it.
 */
class Ufs2CorruptionTest {
    private static final int SB = 8192; // where Debian's makefs writes the superblock
    private static final int BSIZE = 4096;

    @TempDir static Path shared;
    static Path template;
    static Path source;

    @TempDir Path dir;
    Path image;

    @BeforeAll
    static void template() throws Exception {
        source = FreeBsdTree.create(shared.resolve("src"));
        template = shared.resolve("template.img");
        FreeBsdTree.makefs(source, template, BSIZE, 512, "8m");
    }

    @BeforeEach
    void copy() throws Exception {
        image = Files.copy(template, dir.resolve("test.img"));
    }

    private <T> T withFs(FsAction<T> action) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512)) {
            return action.run(Ufs2.open(dev, 0, dev.size(), "test.img"));
        }
    }

    private interface FsAction<T> {
        T run(Ufs2 fs) throws Exception;
    }

    private UfsException failure(FsAction<?> action) {
        UfsException e = assertThrows(UfsException.class, () -> withFs(action));
        assertEquals(ExitStatus.INPUT, e.exitStatus());
        return e;
    }

    private long inodeOffset(String path) throws Exception {
        return withFs(fs -> fs.superblock().inodeOffset(fs.stat(path).inode()));
    }

    private Inode inode(String path) throws Exception {
        long offset = inodeOffset(path);
        long number = withFs(fs -> fs.stat(path).inode());
        return Inode.parse(number, Arrays.copyOfRange(Files.readAllBytes(image), (int) offset, (int) offset + 256));
    }

    private void putInt(long offset, int value) throws Exception {
        TestImages.writeAt(image, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private void putLong(long offset, long value) throws Exception {
        TestImages.writeAt(image, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private void putShort(long offset, int value) throws Exception {
        TestImages.writeAt(image, offset, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    /** Byte offset of the directory record naming {@code name} in the first block of {@code dir}. */
    private long record(String dir, String name) throws Exception {
        long block = inode(dir).direct()[0] * 512;
        byte[] data = Arrays.copyOfRange(Files.readAllBytes(image), (int) block, (int) block + BSIZE);
        byte[] needle = (name + "\0").getBytes(StandardCharsets.UTF_8);
        for (int i = 8; i < data.length - needle.length; i++) {
            if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return block + i - 8;
            }
        }
        throw new AssertionError(name + " not found in " + dir);
    }

    // ---- superblock

    @Test
    void badMagicMeansNoFileSystem() throws Exception {
        putInt(SB + Superblock.MAGIC, 0x12345678);
        assertEquals("test.img has no UFS2 superblock at offset 65536, 8192, 0 or 262144",
                failure(fs -> fs).getMessage());
    }

    @Test
    void unfinishedNewfsAndBigEndianAreNamed() throws Exception {
        putInt(SB + Superblock.MAGIC, Superblock.FS_BAD_MAGIC);
        assertEquals("test.img holds the mark of an unfinished newfs at offset 8192; jkboot reads only little-endian UFS2",
                failure(fs -> fs).getMessage());
        putInt(SB + Superblock.MAGIC, Integer.reverseBytes(Superblock.FS_UFS2_MAGIC));
        assertEquals("test.img holds a big-endian UFS2 superblock at offset 8192; jkboot reads only little-endian UFS2",
                failure(fs -> fs).getMessage());
    }

    @Test
    void ufs1IsRecognisedAndRefused() throws Exception {
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        Files.writeString(tiny.resolve("loader.conf"), "x\n");
        Files.delete(image);
        TestImages.run("makefs", "-t", "ffs", "-o", "version=1", "-s", "1m", image.toString(), tiny.toString());
        UfsException e = failure(fs -> fs);
        assertEquals("test.img holds a UFS1 superblock at offset 8192; jkboot reads only little-endian UFS2", e.getMessage());
        assertEquals("FreeBSD/arm64 installs use UFS2; recreate the file system with newfs -O 2", e.fix());
    }

    @Test
    void inconsistentBlockSizeIsNamed() throws Exception {
        putInt(SB + 48, 5000);
        assertEquals("UFS2 superblock of test.img at offset 8192: fs_bsize 5000 is not a power of two from 4096 to 65536",
                failure(fs -> fs).getMessage());
    }

    @Test
    void inconsistentInodesPerGroupIsNamed() throws Exception {
        putInt(SB + 184, 17);
        assertEquals("UFS2 superblock of test.img at offset 8192: fs_ipg 17 is not a positive multiple of 16 inodes per block",
                failure(fs -> fs).getMessage());
    }

    @Test
    void fileSystemLargerThanItsPartitionIsRefused() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512)) {
            UfsException e = assertThrows(UfsException.class, () -> Ufs2.open(dev, 0, 4 << 20, "test.img"));
            assertEquals("UFS2 superblock of test.img at offset 8192: the file system is 8388608 bytes but its "
                    + "partition only 4194304 bytes", e.getMessage());
            e = assertThrows(UfsException.class, () -> Ufs2.open(dev, 1 << 20, 8 << 20));
            assertEquals(image + " at offset 0x100000: partition of 8388608 bytes at offset 1048576 does not fit "
                    + image + " (8388608 bytes)", e.getMessage());
        }
    }

    // ---- block pointers

    @Test
    void blockPointerOutsideTheFileSystem() throws Exception {
        long ino = withFs(fs -> fs.stat("/small").inode());
        putLong(inodeOffset("/small") + 112, 16384 + 10);
        assertEquals(("test.img: block pointer 0x%x for file block 0 of inode %d (/small) is outside the file "
                + "system (16384 fragments)").formatted(16384 + 10, ino),
                failure(fs -> fs.readFile("/small", 4096)).getMessage());
        putLong(inodeOffset("/small") + 112, -8);
        assertTrue(failure(fs -> fs.readFile("/small", 4096)).getMessage().contains("is outside the file system"));
    }

    @Test
    void blockPointerIntoTheInodeArea() throws Exception {
        long ino = withFs(fs -> fs.stat("/three-blocks").inode());
        int dblkno = withFs(fs -> fs.superblock().dblkno());
        putLong(inodeOffset("/three-blocks") + 112 + 8, 56); // fs_iblkno: the first inode block
        assertEquals(("test.img: block pointer 0x38 for file block 1 of inode %d (/three-blocks) lies in the "
                + "metadata of cylinder group 0 (fragments 0..%d)").formatted(ino, dblkno - 1),
                failure(fs -> fs.readFile("/three-blocks", 1 << 20)).getMessage());
    }

    @Test
    void fragmentsThatCrossABlockBoundary() throws Exception {
        long first = inode("/three-fragments").direct()[0];
        putLong(inodeOffset("/three-fragments") + 112, first - first % 8 + 6);
        assertTrue(failure(fs -> fs.readFile("/three-fragments", 4096)).getMessage()
                .contains("spans two blocks (3 fragments from fragment 6 of a block)"));
    }

    @Test
    void indirectBlockPointingBackToItself() throws Exception {
        Inode kernel = inode("/boot/kernel/kernel");
        long doubleIndirect = kernel.indirect()[1];
        putLong(doubleIndirect * 512, doubleIndirect);
        long firstDoubleBlock = 12 + 512;
        assertEquals(("test.img: indirect block 0x%x of inode %d (/boot/kernel/kernel) points back to itself "
                + "through file block %d").formatted(doubleIndirect, kernel.number(), firstDoubleBlock),
                failure(fs -> fs.readFile("/boot/kernel/kernel", 1 << 26)).getMessage());
    }

    @Test
    void holesReadAsZeros() throws Exception {
        putLong(inodeOffset("/three-blocks") + 112 + 8, 0);
        byte[] expected = Files.readAllBytes(source.resolve("three-blocks"));
        Arrays.fill(expected, BSIZE, 2 * BSIZE, (byte) 0);
        assertArrayEquals(expected, withFs(fs -> fs.readFile("/three-blocks", 1 << 20)));
    }

    /**
     * makefs cannot make a file big enough for triple indirection (over 1 GiB with 4 KiB blocks),
     * so "/empty" becomes a sparse file whose only data block is reached through a triple
     * indirect chain built in the blocks of "/donor".
     */
    @Test
    void tripleIndirectionOfASparseFile() throws Exception {
        long[] donor = inode("/donor").direct();
        long t1 = donor[0];
        long t2 = donor[1];
        long t3 = donor[2];
        long data = donor[3];
        byte[] zeros = new byte[BSIZE];
        for (long block : new long[] {t1, t2, t3}) {
            TestImages.writeAt(image, block * 512, zeros);
        }
        putLong(t1 * 512, t2);
        putLong(t2 * 512, t3);
        putLong(t3 * 512 + 8, data); // the second block of the triple-indirect range
        byte[] pattern = new byte[BSIZE];
        for (int i = 0; i < BSIZE; i++) {
            pattern[i] = (byte) (i * 7 + 1);
        }
        TestImages.writeAt(image, data * 512, pattern);
        long tripleStart = (12L + 512 + 512L * 512) * BSIZE;
        long empty = inodeOffset("/empty");
        putLong(empty + 16, tripleStart + 2 * BSIZE);
        putLong(empty + 208 + 16, t1);

        withFs(fs -> {
            UfsFile file = fs.openFile("/empty");
            assertEquals(tripleStart + 2 * BSIZE, file.size());
            assertArrayEquals(pattern, file.read(tripleStart + BSIZE, BSIZE));
            assertArrayEquals(new byte[BSIZE], file.read(tripleStart, BSIZE));
            assertArrayEquals(new byte[100], file.read(0, 100));
            assertArrayEquals(new byte[100], file.read(tripleStart - 50, 100));
            assertArrayEquals(Arrays.copyOfRange(pattern, 10, 30), file.read(tripleStart + BSIZE + 10, 20));
            return null;
        });
        assertTrue(failure(fs -> fs.readFile("/empty", 1L << 30)).getMessage()
                .endsWith("/empty is %d bytes, more than the 1073741824 this read allows"
                        .formatted(tripleStart + 2 * BSIZE)));
    }

    // ---- inodes

    @Test
    void absurdFileSizeIsRefused() throws Exception {
        long ino = withFs(fs -> fs.stat("/small").inode());
        putLong(inodeOffset("/small") + 16, 1L << 62);
        assertEquals(("test.img: inode %d (/small) claims 4611686018427387904 bytes, more than UFS2 can address "
                + "(%d)").formatted(ino, (12L + 512 + 512L * 512 + 512L * 512 * 512) * BSIZE),
                failure(fs -> fs.stat("/small")).getMessage());
    }

    @Test
    void overlongSymbolicLinkIsRefused() throws Exception {
        long link = withFs(fs -> fs.list("/links").stream()
                .filter(e -> e.name().equals("long")).findFirst().orElseThrow().inode());
        long offset = withFs(fs -> fs.superblock().inodeOffset(link));
        putLong(offset + 16, 5000);
        assertEquals("test.img: symbolic link /links/long (inode %d) is 5000 bytes long, more than 1023"
                .formatted(link), failure(fs -> fs.readFile("/links/long", 4096)).getMessage());
    }

    // ---- directories

    @Test
    void zeroRecordLengthWouldLoopForever() throws Exception {
        long boot = withFs(fs -> fs.stat("/boot").inode());
        long first = inode("/boot").direct()[0] * 512;
        putShort(first + 4, 0);
        assertEquals(("directory /boot (inode %d) on test.img is damaged: the record at byte 0 has d_reclen 0 "
                + "(must be a multiple of 4 from 8 to 512)").formatted(boot),
                failure(fs -> fs.list("/boot")).getMessage());
        assertTrue(failure(fs -> fs.readFile("/boot/loader.conf", 4096)).getMessage().startsWith("directory /boot"));
    }

    @Test
    void recordCrossingADirectoryBlockIsRefused() throws Exception {
        long entry = record("/boot", "loader.conf");
        putShort(entry + 4, 1024);
        assertTrue(failure(fs -> fs.list("/boot")).getMessage().contains("has d_reclen 1024"));
    }

    @Test
    void entryPointingToAFreeOrImpossibleInode() throws Exception {
        long entry = record("/boot", "loader.conf");
        long count = withFs(fs -> fs.superblock().inodeCount());
        putInt(entry, (int) count - 1);
        assertEquals("test.img: inode %d (/boot/loader.conf) is not in use or has an invalid mode 00".formatted(count - 1),
                failure(fs -> fs.readFile("/boot/loader.conf", 4096)).getMessage());
        putInt(entry, (int) count + 5);
        assertEquals("test.img: /boot/loader.conf refers to inode %d, outside 2..%d".formatted(count + 5, count - 1),
                failure(fs -> fs.exists("/boot/loader.conf")).getMessage());
    }

    @Test
    void directoryCycleResolvesFinitely() throws Exception {
        long d1 = withFs(fs -> fs.stat("/deep/d1").inode());
        putInt(record("/deep/d1", "d2"), (int) d1); // d1/d2 is now d1 itself
        assertEquals(Optional.empty(), withFs(fs -> fs.find("/deep/d1" + "/d2".repeat(200) + "/leaf.txt")));
        long cycled = withFs(fs -> fs.stat("/deep/d1/d2/d2/d2").inode());
        assertEquals(d1, cycled);
    }
}
