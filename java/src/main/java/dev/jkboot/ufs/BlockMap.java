package dev.jkboot.ufs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where each block of one file lives: 12 direct pointers, then single, double and triple indirect
 * blocks of {@code fs_nindir} 64-bit pointers. A zero pointer at any level is a hole. The last
 * indirect block read at each level is kept, so reading a file in order reads each indirect block
 * once.
 */
final class BlockMap {
    private final Ufs2 fs;
    private final Inode inode;
    private final String path;
    private final int nindir;
    /** Per depth below the inode: the address and contents of the indirect block last read. */
    private final long[] cachedAddress = new long[Inode.NIADDR];
    private final long[][] cachedPointers = new long[Inode.NIADDR][];

    BlockMap(Ufs2 fs, Inode inode, String path) {
        this.fs = fs;
        this.inode = inode;
        this.path = path;
        this.nindir = fs.superblock().nindir();
    }

    /** The number of file blocks addressable through direct, single, double and triple indirection. */
    static long maxBlocks(int nindir) {
        long n = nindir;
        return Inode.NDADDR + n + n * n + n * n * n;
    }

    /** The fragment address of file block {@code lbn}, or 0 for a hole. */
    long physical(long lbn) throws UfsException {
        if (lbn < Inode.NDADDR) {
            return inode.direct()[(int) lbn];
        }
        long index = lbn - Inode.NDADDR;
        long span = nindir;
        for (int levels = 1; levels <= Inode.NIADDR; levels++) {
            if (index < span) {
                return walk(inode.indirect()[levels - 1], levels, index, lbn);
            }
            index -= span;
            span *= nindir;
        }
        throw new UfsException(
                "%s: file block %d of inode %d (%s) is beyond triple indirection"
                        .formatted(fs.name(), lbn, inode.number(), path),
                "the file system is damaged; run fsck_ffs on FreeBSD");
    }

    private long walk(long pointer, int levels, long index, long lbn) throws UfsException {
        long[] ancestors = new long[levels];
        long span = 1;
        for (int i = 1; i < levels; i++) {
            span *= nindir;
        }
        for (int depth = 0; depth < levels; depth++) {
            if (pointer == 0) {
                return 0;
            }
            for (int i = 0; i < depth; i++) {
                if (ancestors[i] == pointer) {
                    throw new UfsException(
                            "%s: indirect block 0x%x of inode %d (%s) points back to itself through file block %d"
                                    .formatted(fs.name(), pointer, inode.number(), path, lbn),
                            "the file system is damaged; run fsck_ffs on FreeBSD");
                }
            }
            ancestors[depth] = pointer;
            long[] pointers = indirectBlock(depth, pointer, lbn);
            pointer = pointers[(int) (index / span)];
            index %= span;
            span /= nindir;
        }
        return pointer;
    }

    private long[] indirectBlock(int depth, long address, long lbn) throws UfsException {
        if (cachedPointers[depth] != null && cachedAddress[depth] == address) {
            return cachedPointers[depth];
        }
        String what = "indirect block for file block %d of inode %d (%s)".formatted(lbn, inode.number(), path);
        fs.checkExtent(address, fs.superblock().frag(), what);
        byte[] raw = fs.readFragments(address, fs.superblock().bsize(), what);
        ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] pointers = new long[nindir];
        for (int i = 0; i < nindir; i++) {
            pointers[i] = le.getLong(i * Superblock.POINTER_SIZE);
        }
        cachedAddress[depth] = address;
        cachedPointers[depth] = pointers;
        return pointers;
    }
}
