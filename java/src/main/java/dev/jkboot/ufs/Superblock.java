package dev.jkboot.ufs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a UFS2 superblock ({@code struct fs}, sys/ufs/ffs/fs.h) that reading needs, all
 * checked for consistency. Block addresses in UFS count fragments of {@code fsize} bytes.
 *
 * @param location byte offset of this superblock in the partition
 * @param sblkno fragment (within each cylinder group) just past the superblock copy
 * @param cblkno fragment of the cylinder group header
 * @param iblkno fragment of the first inode block
 * @param dblkno first data fragment
 * @param ncg number of cylinder groups
 * @param fpg fragments per cylinder group
 * @param ipg inodes per cylinder group
 * @param sizeFrags file system size in fragments
 * @param maxSymlinkLen symbolic links shorter than this are stored inside the inode
 * @param flags {@code fs_flags}: soft updates, journal, ACLs… none of them changes how data is
 *     read; soft updates and the journal only order and replay writes
 * @param clean {@code fs_clean}: unmounted cleanly; without soft updates an unclean file system
 *     may hold half-done changes, which reading cannot repair
 */
public record Superblock(
        long location,
        int bsize,
        int fsize,
        int frag,
        int sblkno,
        int cblkno,
        int iblkno,
        int dblkno,
        long ncg,
        long fpg,
        long ipg,
        long sizeFrags,
        int maxSymlinkLen,
        int flags,
        boolean clean,
        String volumeName) {

    public static final int SBLOCKSIZE = 8192;
    public static final int FS_UFS2_MAGIC = 0x19540119;
    public static final int FS_UFS1_MAGIC = 0x011954;
    /** Written by newfs before it finishes: the file system was never completed. */
    public static final int FS_BAD_MAGIC = 0x19960408;
    static final int DINODE_SIZE = 256;
    static final int POINTER_SIZE = 8;
    /** UFS2 stores short symlinks in di_db and di_ib: 12 + 3 pointers of 8 bytes. */
    static final int MAX_INLINE_SYMLINK = 120;
    private static final int MINBSIZE = 4096;
    private static final int MAXBSIZE = 65536;
    private static final int MAXFRAG = 8;
    private static final int DEV_BSIZE = 512;
    private static final int FS_FLAGS_UPDATED = 0x80;
    private static final int FS_DOSOFTDEP = 0x02;
    private static final int FS_SUJ = 0x08;

    // Byte offsets in struct fs (sys/ufs/ffs/fs.h; sizeof(struct fs) == 1376).
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
    private static final int CLEAN = 209;
    private static final int FPG = 188;
    private static final int OLD_FLAGS = 211;
    private static final int VOLNAME = 680;
    private static final int VOLNAME_LEN = 32;
    private static final int SBLOCKLOC = 1000;
    private static final int SIZE = 1080;
    private static final int FLAGS = 1312;
    private static final int MAXSYMLINKLEN = 1320;
    static final int MAGIC = 1372;

    /** The magic number of a superblock-sized buffer read at some location. */
    static int magic(byte[] raw) {
        return le(raw).getInt(MAGIC);
    }

    /**
     * Whether a UFS2 superblock found at {@code location} is the primary one: FreeBSD accepts it
     * when its recorded location matches, or when it predates that field (ffs_subr.c).
     */
    static boolean isPrimaryAt(byte[] raw, long location) {
        return le(raw).getLong(SBLOCKLOC) == location || (raw[OLD_FLAGS] & FS_FLAGS_UPDATED) == 0;
    }

    /**
     * Checks a UFS2 superblock found at {@code location}.
     *
     * @param where names the partition in messages
     */
    static Superblock parse(byte[] raw, long location, long partitionSize, String where)
            throws UfsException {
        ByteBuffer le = le(raw);
        String at = "UFS2 superblock of " + where + " at offset " + location;
        int bsize = le.getInt(BSIZE);
        int fsize = le.getInt(FSIZE);
        int frag = le.getInt(FRAG);
        require(isPowerOfTwo(bsize) && bsize >= MINBSIZE && bsize <= MAXBSIZE, at,
                "fs_bsize %d is not a power of two from 4096 to 65536", bsize);
        require(isPowerOfTwo(fsize) && fsize >= DEV_BSIZE && fsize <= bsize
                        && bsize / fsize <= MAXFRAG, at,
                "fs_fsize %d does not divide fs_bsize %d into 1 to 8 fragments", fsize, bsize);
        require(frag == bsize / fsize, at,
                "fs_frag %d is not fs_bsize/fs_fsize = %d", frag, bsize / fsize);
        int bshift = le.getInt(BSHIFT);
        int fshift = le.getInt(FSHIFT);
        int fragshift = le.getInt(FRAGSHIFT);
        require(bshift == log2(bsize) && fshift == log2(fsize) && fragshift == log2(frag), at,
                "fs_bshift/fs_fshift/fs_fragshift %d/%d/%d disagree with the sizes",
                bshift, fshift, fragshift);
        int sbsize = le.getInt(SBSIZE);
        require(sbsize > 0 && sbsize <= SBLOCKSIZE, at,
                "fs_sbsize %d is not between 1 and %d", sbsize, SBLOCKSIZE);
        int nindir = le.getInt(NINDIR);
        require(nindir == bsize / POINTER_SIZE, at,
                "fs_nindir %d is not fs_bsize/8 = %d", nindir, bsize / POINTER_SIZE);
        int inopb = bsize / DINODE_SIZE;
        require(le.getInt(INOPB) == inopb, at,
                "fs_inopb %d is not fs_bsize/256 = %d", le.getInt(INOPB), inopb);
        long ncg = Integer.toUnsignedLong(le.getInt(NCG));
        long ipg = Integer.toUnsignedLong(le.getInt(IPG));
        long fpg = le.getInt(FPG);
        require(ncg >= 1, at, "fs_ncg is 0");
        require(ipg >= inopb && ipg % inopb == 0, at,
                "fs_ipg %d is not a positive multiple of %d inodes per block", ipg, inopb);
        require(ncg * ipg <= 1L << 32, at,
                "%d cylinder groups of %d inodes exceed 2^32 inodes", ncg, ipg);
        require(fpg >= frag && fpg % frag == 0, at,
                "fs_fpg %d is not a positive multiple of fs_frag", fpg);
        int sblkno = le.getInt(SBLKNO);
        int cblkno = le.getInt(CBLKNO);
        int iblkno = le.getInt(IBLKNO);
        int dblkno = le.getInt(DBLKNO);
        long inodeFrags = ipg / inopb * frag;
        require(sblkno >= 0 && sblkno <= cblkno && cblkno < iblkno && iblkno % frag == 0
                        && iblkno + inodeFrags <= dblkno && dblkno <= fpg, at,
                ("cylinder group layout (fs_sblkno %d, fs_cblkno %d, fs_iblkno %d, fs_dblkno %d) "
                        + "does not hold %d inode fragments within fs_fpg %d"), sblkno, cblkno, iblkno, dblkno, inodeFrags, fpg);
        long size = le.getLong(SIZE);
        require(size > 0 && size <= ncg * fpg && size >= (ncg - 1) * fpg + dblkno, at,
                "fs_size %d fragments does not match %d cylinder groups of %d fragments", size, ncg, fpg);
        require(size <= partitionSize / fsize, at,
                "the file system is %d bytes but its partition only %d bytes", size * fsize, partitionSize);
        int maxSymlinkLen = le.getInt(MAXSYMLINKLEN);
        require(maxSymlinkLen >= 0 && maxSymlinkLen <= MAX_INLINE_SYMLINK, at,
                "fs_maxsymlinklen %d is not between 0 and %d", maxSymlinkLen, MAX_INLINE_SYMLINK);
        return new Superblock(
                location, bsize, fsize, frag, sblkno, cblkno, iblkno, dblkno, ncg, fpg, ipg, size,
                maxSymlinkLen, le.getInt(FLAGS), raw[CLEAN] != 0, volumeName(raw));
    }

    /** E.g. {@code UFS2 "rootfs", 32 KiB blocks, 4 KiB fragments, 4 cylinder groups, soft updates}. */
    public String describe() {
        StringBuilder text = new StringBuilder("UFS2");
        if (!volumeName.isEmpty()) {
            text.append(" \"").append(volumeName).append('"');
        }
        text.append(", ").append(bsize / 1024).append(" KiB blocks, ")
                .append(fsize < 1024 ? fsize + " B" : fsize / 1024 + " KiB").append(" fragments, ")
                .append(ncg).append(" cylinder groups");
        if ((flags & FS_SUJ) != 0) {
            text.append(", soft updates with journal");
        } else if ((flags & FS_DOSOFTDEP) != 0) {
            text.append(", soft updates");
        }
        if (!clean) {
            text.append(", not cleanly unmounted");
        }
        return text.toString();
    }

    public int nindir() {
        return bsize / POINTER_SIZE;
    }

    public int inodesPerBlock() {
        return bsize / DINODE_SIZE;
    }

    public long inodeCount() {
        return ncg * ipg;
    }

    /** Byte offset of an inode in the partition (ino_to_fsba and ino_to_fsbo of fs.h). */
    long inodeOffset(long ino) {
        long cg = ino / ipg;
        long blockInGroup = (ino % ipg) / inodesPerBlock();
        long fragment = cg * fpg + iblkno + blockInGroup * frag;
        return fragment * fsize + (ino % inodesPerBlock()) * DINODE_SIZE;
    }

    private static String volumeName(byte[] raw) {
        int end = VOLNAME;
        while (end < VOLNAME + VOLNAME_LEN && raw[end] != 0) {
            end++;
        }
        return new String(raw, VOLNAME, end - VOLNAME, StandardCharsets.UTF_8);
    }

    /** The problem is formatted only when there is one: every superblock read goes through here. */
    private static void require(boolean ok, String at, String problem, Object... args) throws UfsException {
        if (!ok) {
            throw new UfsException(
                    at + ": " + problem.formatted(args),
                    "the file system is damaged or not UFS2; run fsck_ffs on FreeBSD, or choose another partition");
        }
    }

    private static ByteBuffer le(byte[] raw) {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean isPowerOfTwo(long v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    private static int log2(int v) {
        return Integer.numberOfTrailingZeros(v);
    }
}
