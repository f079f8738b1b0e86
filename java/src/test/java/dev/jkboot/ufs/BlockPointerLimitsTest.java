package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The checks that keep a block pointer, an inode number or a partition from sending a read outside
 * the file system, at their edges. The file system is a superblock ({@link SuperblockLimitsTest}'s,
 * 4 KiB blocks of 512-byte fragments: 4 groups of 8192 fragments, data from fragment 64 of each,
 * the superblock copy from fragment 16) on a device that is zeros everywhere else.
 */
class BlockPointerLimitsTest {
    private static final long FRAGMENTS = 4 * 8192;
    private static final long BYTES = FRAGMENTS * 512;

    /** Zeros, with the superblock at 64 KiB. */
    private record SparseDevice(long size, byte[] superblock) implements BlockDevice {
        @Override public String name() { return "sparse.img"; }
        @Override public int sectorSize() { return 512; }
        @Override public byte[] read(long offset, int length) throws DiskException {
            if (offset < 0 || offset + length > size) {
                throw new DiskException("read outside the device", "");
            }
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                long at = offset + i - 65536;
                if (at >= 0 && at < superblock.length) {
                    out[i] = superblock[(int) at];
                }
            }
            return out;
        }
        @Override public void close() {}
    }

    private static SparseDevice device(long size) {
        ByteBuffer sb = SuperblockLimitsTest.valid(4096, 512);
        sb.putLong(1000, 65536); // fs_sblockloc
        return new SparseDevice(size, sb.array());
    }

    private static Ufs2 fs() throws UfsException {
        return Ufs2.open(device(BYTES), 0, BYTES, "fs");
    }

    private static String refused(long address, int count) {
        return assertThrows(UfsException.class, () -> fs().checkExtent(address, count, "data")).getMessage();
    }

    @Test
    void aPartitionMayFillItsDeviceExactly() throws Exception {
        assertEquals(FRAGMENTS, Ufs2.open(device(BYTES), 0, BYTES, "fs").superblock().sizeFrags());
        UfsException e = assertThrows(UfsException.class, () -> Ufs2.open(device(BYTES), 512, BYTES, "fs"));
        assertTrue(e.getMessage().contains("does not fit sparse.img"), e.getMessage());
    }

    @Test
    void aPartitionJustLargeEnoughForTheSuperblockIsSearchedThere() {
        long size = 65536 + 8192;
        UfsException e = assertThrows(UfsException.class, () -> Ufs2.open(device(BYTES), 0, size, "fs"));
        assertTrue(e.getMessage().endsWith("but its partition only %d bytes".formatted(size)), e.getMessage());
    }

    @Test
    void noSuperblockIsReadPastTheEndOfThePartition() {
        // One byte too small for the superblock at 64 KiB: it is not read (it lies on the device, past
        // the partition), and the search finds nothing else.
        long size = 65536 + 8192 - 1;
        UfsException e = assertThrows(UfsException.class, () -> Ufs2.open(device(BYTES), 0, size, "fs"));
        assertEquals("fs has no UFS2 superblock at offset 65536, 8192, 0 or 262144", e.getMessage());
        UfsException empty = assertThrows(UfsException.class, () -> Ufs2.open(device(BYTES), 0, 0, "fs"));
        assertEquals("fs has no UFS2 superblock at offset 65536, 8192, 0 or 262144", empty.getMessage());
    }

    @Test
    void theLastFragmentsOfTheFileSystemAreData() throws Exception {
        fs().checkExtent(FRAGMENTS - 8, 8, "data");
        fs().checkExtent(FRAGMENTS - 1, 1, "data");
        assertEquals("fs: block pointer 0x7ff9 for data is outside the file system (32768 fragments)",
                refused(FRAGMENTS - 7, 8));
        assertEquals("fs: block pointer 0x8000 for data is outside the file system (32768 fragments)",
                refused(FRAGMENTS, 1));
        assertEquals("fs: block pointer 0x0 for data is outside the file system (32768 fragments)", refused(0, 8));
    }

    @Test
    void anExtentMayFillItsBlockButNotCrossIntoTheNext() throws Exception {
        fs().checkExtent(100, 4, "data"); // fragments 4..7 of the block at 96
        assertEquals("fs: block pointer 0x64 for data spans two blocks (5 fragments from fragment 4 of a block)",
                refused(100, 5));
    }

    @Test
    void eachGroupsMetadataIsRefusedAndTheFragmentsAroundItAccepted() throws Exception {
        // Group 0: everything below its data (fragment 64) is metadata, from fragment 0.
        assertTrue(refused(8, 8).endsWith("lies in the metadata of cylinder group 0 (fragments 0..63)"));
        fs().checkExtent(64, 8, "data");
        // Group 1: fragments 8..15 lie before its superblock copy (at 16) and are data.
        fs().checkExtent(8192 + 8, 8, "data");
        assertEquals("fs: block pointer 0x2010 for data lies in the metadata of cylinder group 1 (fragments 8208..8255)",
                refused(8192 + 16, 8));
        assertTrue(refused(8192 + 56, 8).endsWith("(fragments 8208..8255)"));
        fs().checkExtent(8192 + 64, 8, "data");
    }

    @Test
    void inodeNumbersRunFromTwoToTheLastInodeOfTheLastGroup() throws Exception {
        Ufs2 fs = fs();
        long count = fs.superblock().inodeCount();
        assertEquals(4 * 64, count);
        String outside = "fs: / refers to inode %d, outside 2..255";
        assertEquals(outside.formatted(1), assertThrows(UfsException.class, () -> fs.inode(1, "/")).getMessage());
        assertEquals(outside.formatted(count), assertThrows(UfsException.class, () -> fs.inode(count, "/")).getMessage());
        // The edges are read: they are zeros here, so not in use.
        for (long ino : new long[] {2, count - 1}) {
            String e = assertThrows(UfsException.class, () -> fs.inode(ino, "/")).getMessage();
            assertTrue(e.contains("is not in use"), e);
        }
    }
}
