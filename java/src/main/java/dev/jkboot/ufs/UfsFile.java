package dev.jkboot.ufs;

/**
 * An open file on a UFS2 file system, read by position so a 30 MB kernel can be streamed in
 * pieces. Holes read as zeros; physically adjacent blocks are read together.
 */
public final class UfsFile {
    /** Adjacent blocks are merged into reads of at most this many bytes. */
    private static final int MAX_RUN = 1 << 20;

    private final Ufs2 fs;
    private final Inode inode;
    private final String path;
    private final BlockMap map;

    UfsFile(Ufs2 fs, Inode inode, String path) {
        this.fs = fs;
        this.inode = inode;
        this.path = path;
        this.map = new BlockMap(fs, inode, path);
    }

    public String path() {
        return path;
    }

    public long size() {
        return inode.size();
    }

    /** Exactly {@code length} bytes from {@code position}; the range must lie inside the file. */
    public byte[] read(long position, int length) throws UfsException {
        if (position < 0 || length < 0 || position > inode.size() - length) {
            throw new UfsException(
                    "%s: read of %d bytes at %d is outside %s (%d bytes)"
                            .formatted(fs.name(), length, position, path, inode.size()),
                    "this is a bug in the caller; report it");
        }
        Superblock sb = fs.superblock();
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long pos = position + done;
            long lbn = pos / sb.bsize();
            int within = (int) (pos % sb.bsize());
            int blockBytes = blockSize(lbn);
            int total = Math.min(length - done, blockBytes - within);
            long first = map.physical(lbn);
            if (first == 0) {
                done += total; // a hole reads as zeros
                continue;
            }
            checkData(first, blockBytes, lbn);
            long next = lbn + 1;
            while (done + total < length && total < MAX_RUN && blockBytes == sb.bsize()
                    && map.physical(next) == first + (next - lbn) * sb.frag()) {
                blockBytes = blockSize(next);
                checkData(first + (next - lbn) * sb.frag(), blockBytes, next);
                total += Math.min(length - done - total, blockBytes);
                next++;
            }
            byte[] run = fs.readFragments(first, within + total, "data of " + path);
            System.arraycopy(run, within, out, done, total);
            done += total;
        }
        return out;
    }

    /** The whole file, refusing files larger than {@code maxBytes}. */
    public byte[] readAll(long maxBytes) throws UfsException {
        long limit = Math.min(maxBytes, Integer.MAX_VALUE - 8);
        if (inode.size() > limit) {
            throw new UfsException(
                    "%s: %s is %d bytes, more than the %d this read allows"
                            .formatted(fs.name(), path, inode.size(), limit),
                    "check that the path names the file you mean");
        }
        return read(0, (int) inode.size());
    }

    /** Bytes of file block {@code lbn}: a whole block, or the fragments ending a small file. */
    private int blockSize(long lbn) {
        Superblock sb = fs.superblock();
        if (lbn >= Inode.NDADDR || inode.size() >= (lbn + 1) * sb.bsize()) {
            return sb.bsize();
        }
        long tail = inode.size() % sb.bsize();
        return (int) ((tail + sb.fsize() - 1) / sb.fsize() * sb.fsize());
    }

    private void checkData(long address, int bytes, long lbn) throws UfsException {
        fs.checkExtent(address, bytes / fs.superblock().fsize(),
                "file block %d of inode %d (%s)".formatted(lbn, inode.number(), path));
    }
}
