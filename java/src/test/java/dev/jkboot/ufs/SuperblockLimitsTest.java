package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every consistency rule of {@link Superblock#parse} at its edges: the last value FreeBSD's
 * geometry allows is accepted and the next one refused, field by field, on a superblock built here
 * from the struct fs offsets (sys/ufs/ffs/fs.h). A rule dropped from the parser would let a damaged
 * superblock steer block reads anywhere; these tests fail if any one is.
 */
class SuperblockLimitsTest {
    private static final int SBLKNO = 8;
    private static final int CBLKNO = 12;
    private static final int IBLKNO = 16;
    private static final int DBLKNO = 20;
    private static final int NCG = 44;
    private static final int BSIZE = 48;
    private static final int FSIZE = 52;
    private static final int FRAG = 56;
    private static final int BSHIFT = 80;
    private static final int FSHIFT = 84;
    private static final int FRAGSHIFT = 96;
    private static final int SBSIZE = 104;
    private static final int NINDIR = 116;
    private static final int INOPB = 120;
    private static final int IPG = 184;
    private static final int FPG = 188;
    private static final int CLEAN = 209;
    private static final int OLD_FLAGS = 211;
    private static final int VOLNAME = 680;
    private static final int SBLOCKLOC = 1000;
    private static final int SIZE = 1080;
    private static final int FLAGS = 1312;
    private static final int MAXSYMLINKLEN = 1320;
    private static final long PARTITION = 1L << 48;

    /** A consistent UFS2 superblock for {@code bsize}/{@code fsize}: 4 groups, 4 inode blocks a group. */
    static ByteBuffer valid(int bsize, int fsize) {
        ByteBuffer b = ByteBuffer.allocate(Superblock.SBLOCKSIZE).order(ByteOrder.LITTLE_ENDIAN);
        int frag = bsize / fsize;
        int inopb = bsize / 256;
        int ipg = 4 * inopb;
        int fpg = 1024 * frag;
        b.putInt(BSIZE, bsize).putInt(FSIZE, fsize).putInt(FRAG, frag);
        b.putInt(BSHIFT, Integer.numberOfTrailingZeros(bsize)).putInt(FSHIFT, Integer.numberOfTrailingZeros(fsize))
                .putInt(FRAGSHIFT, Integer.numberOfTrailingZeros(frag));
        b.putInt(SBSIZE, 4096).putInt(NINDIR, bsize / 8).putInt(INOPB, inopb);
        b.putInt(NCG, 4).putInt(IPG, ipg).putInt(FPG, fpg);
        b.putInt(SBLKNO, 2 * frag).putInt(CBLKNO, 3 * frag).putInt(IBLKNO, 4 * frag).putInt(DBLKNO, 8 * frag);
        b.putLong(SIZE, 4L * fpg);
        b.putInt(MAXSYMLINKLEN, 120).putInt(Superblock.MAGIC, Superblock.FS_UFS2_MAGIC);
        b.put(CLEAN, (byte) 1);
        return b;
    }

    static ByteBuffer valid() {
        return valid(32768, 4096);
    }

    private static Superblock parse(ByteBuffer b) throws UfsException {
        return Superblock.parse(b.array(), 65536, PARTITION, "test");
    }

    private static ByteBuffer with(Consumer<ByteBuffer> change) {
        ByteBuffer b = valid();
        change.accept(b);
        return b;
    }

    private static String refused(ByteBuffer b) {
        UfsException e = assertThrows(UfsException.class, () -> parse(b));
        assertTrue(e.getMessage().startsWith("UFS2 superblock of test at offset 65536: "), e.getMessage());
        return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    }

    @Test
    void theBuiltSuperblockIsValid() throws Exception {
        Superblock sb = parse(valid());
        assertEquals(32768, sb.bsize());
        assertEquals(4096, sb.fsize());
        assertEquals(8, sb.frag());
        assertEquals(4, sb.ncg());
        assertEquals(4 * 128, sb.ipg());
        assertEquals(8192, sb.fpg());
        assertEquals(32768, sb.sizeFrags());
        assertEquals(120, sb.maxSymlinkLen());
        assertTrue(sb.clean());
        assertEquals(65536, sb.location());
    }

    @Test
    void blockSizesFrom4KiBTo64KiBInOneToEightFragmentsAreAccepted() throws Exception {
        for (int[] sizes : new int[][] {{4096, 4096}, {4096, 512}, {65536, 65536}, {65536, 8192}, {8192, 1024},
                {32768, 32768}}) {
            Superblock sb = parse(valid(sizes[0], sizes[1]));
            assertEquals(sizes[0], sb.bsize());
            assertEquals(sizes[1], sb.fsize());
        }
    }

    @Test
    void blockSizesOutsideTheRangeAreRefused() {
        assertEquals("fs_bsize 2048 is not a power of two from 4096 to 65536", refused(valid(2048, 512)));
        assertEquals("fs_bsize 131072 is not a power of two from 4096 to 65536", refused(valid(131072, 16384)));
        assertEquals("fs_bsize 12288 is not a power of two from 4096 to 65536",
                refused(with(b -> b.putInt(BSIZE, 12288))));
        assertEquals("fs_bsize 0 is not a power of two from 4096 to 65536", refused(with(b -> b.putInt(BSIZE, 0))));
    }

    @Test
    void fragmentSizesMustDivideTheBlockIntoOneToEight() {
        assertEquals("fs_fsize 2048 does not divide fs_bsize 32768 into 1 to 8 fragments",
                refused(valid(32768, 2048)));
        assertEquals("fs_fsize 256 does not divide fs_bsize 4096 into 1 to 8 fragments", refused(valid(4096, 256)));
        assertEquals("fs_fsize 65536 does not divide fs_bsize 32768 into 1 to 8 fragments",
                refused(with(b -> b.putInt(FSIZE, 65536))));
        assertEquals("fs_fsize 3000 does not divide fs_bsize 32768 into 1 to 8 fragments",
                refused(with(b -> b.putInt(FSIZE, 3000))));
    }

    @Test
    void fragAndTheShiftsMustAgreeWithTheSizes() {
        assertEquals("fs_frag 4 is not fs_bsize/fs_fsize = 8", refused(with(b -> b.putInt(FRAG, 4))));
        assertEquals("fs_bshift/fs_fshift/fs_fragshift 14/12/3 disagree with the sizes",
                refused(with(b -> b.putInt(BSHIFT, 14))));
        assertEquals("fs_bshift/fs_fshift/fs_fragshift 15/13/3 disagree with the sizes",
                refused(with(b -> b.putInt(FSHIFT, 13))));
        assertEquals("fs_bshift/fs_fshift/fs_fragshift 15/12/2 disagree with the sizes",
                refused(with(b -> b.putInt(FRAGSHIFT, 2))));
    }

    @Test
    void theSuperblockSizeIsOneByteTo8KiB() throws Exception {
        parse(with(b -> b.putInt(SBSIZE, 1)));
        parse(with(b -> b.putInt(SBSIZE, 8192)));
        assertEquals("fs_sbsize 0 is not between 1 and 8192", refused(with(b -> b.putInt(SBSIZE, 0))));
        assertEquals("fs_sbsize 8193 is not between 1 and 8192", refused(with(b -> b.putInt(SBSIZE, 8193))));
    }

    @Test
    void pointersAndInodesPerBlockFollowTheBlockSize() {
        assertEquals("fs_nindir 4095 is not fs_bsize/8 = 4096", refused(with(b -> b.putInt(NINDIR, 4095))));
        assertEquals("fs_inopb 64 is not fs_bsize/256 = 128", refused(with(b -> b.putInt(INOPB, 64))));
    }

    @Test
    void cylinderGroupCountsAndSizes() throws Exception {
        assertEquals("fs_ncg is 0", refused(with(b -> b.putInt(NCG, 0))));
        assertEquals(1, parse(with(b -> b.putInt(NCG, 1).putLong(SIZE, 8192))).ncg());
        assertEquals("fs_ipg 0 is not a positive multiple of 128 inodes per block",
                refused(with(b -> b.putInt(IPG, 0))));
        assertEquals("fs_ipg 127 is not a positive multiple of 128 inodes per block",
                refused(with(b -> b.putInt(IPG, 127))));
        assertEquals("fs_ipg 129 is not a positive multiple of 128 inodes per block",
                refused(with(b -> b.putInt(IPG, 129))));
        // One inode block a group: the inode area ends right at the data.
        assertEquals(128, parse(with(b -> b.putInt(IPG, 128).putInt(DBLKNO, 5 * 8))).ipg());
        assertEquals("fs_fpg 4 is not a positive multiple of fs_frag", refused(with(b -> b.putInt(FPG, 4))));
        assertEquals("fs_fpg 8196 is not a positive multiple of fs_frag", refused(with(b -> b.putInt(FPG, 8196))));
    }

    @Test
    void atMost2To32InodesInAll() throws Exception {
        // 2^16 groups of 2^16 inodes: exactly 2^32.
        long ncg = 1 << 16;
        int ipg = 1 << 16;
        int fpg = 8 * (ipg / 128) + 64;
        Consumer<ByteBuffer> geometry = b -> b.putInt(IPG, ipg).putInt(FPG, fpg).putInt(DBLKNO, 32 + ipg / 128 * 8);
        Superblock sb = parse(with(geometry.andThen(b -> b.putInt(NCG, (int) ncg).putLong(SIZE, ncg * fpg))));
        assertEquals(1L << 32, sb.inodeCount());
        assertEquals("65537 cylinder groups of 65536 inodes exceed 2^32 inodes", refused(with(geometry.andThen(
                b -> b.putInt(NCG, (int) ncg + 1).putLong(SIZE, (ncg + 1) * fpg)))));
    }

    @Test
    void theCylinderGroupLayoutIsOrderedAndHoldsTheInodes() throws Exception {
        String layout = "cylinder group layout";
        parse(with(b -> b.putInt(SBLKNO, 0)));
        parse(with(b -> b.putInt(SBLKNO, 24))); // the superblock copy may end where the group header starts
        parse(with(b -> b.putInt(DBLKNO, 8192))); // data may start at the very end of the group
        parse(with(b -> b.putInt(DBLKNO, 32 + 32))); // the inode blocks end exactly where the data starts
        assertTrue(refused(with(b -> b.putInt(SBLKNO, -8))).startsWith(layout));
        assertTrue(refused(with(b -> b.putInt(SBLKNO, 25))).startsWith(layout));
        assertTrue(refused(with(b -> b.putInt(CBLKNO, 32))).startsWith(layout), "header on the first inode block");
        assertTrue(refused(with(b -> b.putInt(IBLKNO, 36))).startsWith(layout), "inodes not block aligned");
        assertTrue(refused(with(b -> b.putInt(DBLKNO, 63))).startsWith(layout), "data over the last inode block");
        assertTrue(refused(with(b -> b.putInt(DBLKNO, 8193).putInt(FPG, 8192))).startsWith(layout));
        assertEquals("cylinder group layout (fs_sblkno 16, fs_cblkno 24, fs_iblkno 32, fs_dblkno 63) does not hold"
                + " 32 inode fragments within fs_fpg 8192", refused(with(b -> b.putInt(DBLKNO, 63))));
    }

    @Test
    void theSizeFillsTheLastGroupAtLeastToItsData() throws Exception {
        long fpg = 8192;
        parse(with(b -> b.putLong(SIZE, 4 * fpg)));
        parse(with(b -> b.putLong(SIZE, 3 * fpg + 64)));
        String wrong = "fs_size %d fragments does not match 4 cylinder groups of 8192 fragments";
        assertEquals(wrong.formatted(4 * fpg + 1), refused(with(b -> b.putLong(SIZE, 4 * fpg + 1))));
        assertEquals(wrong.formatted(3 * fpg + 63), refused(with(b -> b.putLong(SIZE, 3 * fpg + 63))));
        assertEquals(wrong.formatted(0), refused(with(b -> b.putLong(SIZE, 0))));
    }

    @Test
    void theFileSystemMayFillItsPartitionExactly() throws Exception {
        long bytes = 4L * 8192 * 4096;
        Superblock.parse(valid().array(), 65536, bytes, "test");
        Superblock.parse(valid().array(), 65536, bytes + 4095, "test");
        UfsException e = assertThrows(UfsException.class,
                () -> Superblock.parse(valid().array(), 65536, bytes - 1, "test"));
        assertTrue(e.getMessage().endsWith("the file system is %d bytes but its partition only %d bytes"
                .formatted(bytes, bytes - 1)), e.getMessage());
    }

    @Test
    void inlineSymlinksHoldAtMost120Bytes() throws Exception {
        assertEquals(0, parse(with(b -> b.putInt(MAXSYMLINKLEN, 0))).maxSymlinkLen());
        assertEquals("fs_maxsymlinklen -1 is not between 0 and 120", refused(with(b -> b.putInt(MAXSYMLINKLEN, -1))));
        assertEquals("fs_maxsymlinklen 121 is not between 0 and 120",
                refused(with(b -> b.putInt(MAXSYMLINKLEN, 121))));
    }

    @Test
    void aVolumeNameOfAll32BytesHasNoNulAndStopsAtItsField() throws Exception {
        ByteBuffer b = valid();
        byte[] name = "abcdefghijklmnopqrstuvwxyz012345".getBytes(StandardCharsets.US_ASCII);
        b.put(VOLNAME, name);
        b.put(VOLNAME + 32, (byte) 'X');
        assertEquals("abcdefghijklmnopqrstuvwxyz012345", parse(b).volumeName());
        b.put(VOLNAME + 4, (byte) 0);
        assertEquals("abcd", parse(b).volumeName());
    }

    @Test
    void describeNamesFragmentsBelow1KiBInBytes() throws Exception {
        assertEquals("UFS2, 4 KiB blocks, 512 B fragments, 4 cylinder groups", parse(valid(4096, 512)).describe());
        assertEquals("UFS2, 8 KiB blocks, 1 KiB fragments, 4 cylinder groups", parse(valid(8192, 1024)).describe());
        ByteBuffer b = valid();
        b.put(CLEAN, (byte) 0).putInt(FLAGS, 0x02);
        b.put(VOLNAME, "rootfs".getBytes(StandardCharsets.US_ASCII));
        assertEquals("UFS2 \"rootfs\", 32 KiB blocks, 4 KiB fragments, 4 cylinder groups, soft updates,"
                + " not cleanly unmounted", parse(b).describe());
        b.putInt(FLAGS, 0x0a);
        assertTrue(parse(b).describe().contains(", soft updates with journal,"));
    }

    @Test
    void aSuperblockIsPrimaryWhereItSaysOrWhenItPredatesTheField() {
        ByteBuffer b = valid();
        b.putLong(SBLOCKLOC, 65536).put(OLD_FLAGS, (byte) 0x80);
        assertTrue(Superblock.isPrimaryAt(b.array(), 65536));
        assertFalse(Superblock.isPrimaryAt(b.array(), 8192), "a copy whose recorded location is elsewhere");
        b.put(OLD_FLAGS, (byte) 0x7f); // FS_FLAGS_UPDATED clear: an old superblock without fs_sblockloc
        assertTrue(Superblock.isPrimaryAt(b.array(), 8192));
    }

    @Test
    void inodesAreFoundInTheirGroupsInodeBlocks() throws Exception {
        Superblock sb = parse(valid());
        // inode 0: group 0, first inode block (fragment 32), first slot
        assertEquals(32L * 4096, sb.inodeOffset(0));
        assertEquals(32L * 4096 + 5 * 256, sb.inodeOffset(5));
        // inode 130: group 0, second inode block, slot 2
        assertEquals((32L + 8) * 4096 + 2 * 256, sb.inodeOffset(130));
        // inode 512 + 3: group 1 at fragment 8192
        assertEquals((8192L + 32) * 4096 + 3 * 256, sb.inodeOffset(515));
        assertEquals(4096, sb.nindir());
        assertEquals(128, sb.inodesPerBlock());
    }
}
