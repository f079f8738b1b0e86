package dev.jkboot.ufs;

import dev.jkboot.fs.FileContent;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The whole file as mapped runs of the device, read only when used: physically adjacent blocks
     * form one extent (at most {@link FileContent#MAX_EXTENT}), holes are left out and read as
     * zeros. Every block pointer is checked as {@link #read} checks it, and the block map is walked
     * once, so a 1 GiB file costs its indirect blocks, not its data.
     */
    public FileContent content() throws UfsException {
        Superblock sb = fs.superblock();
        long size = inode.size();
        List<FileContent.Extent> extents = new ArrayList<>();
        long runFile = 0;
        long runFragment = 0;
        long runBytes = 0;
        for (long lbn = 0; lbn * sb.bsize() < size; lbn++) {
            long offset = lbn * sb.bsize();
            long physical = map.physical(lbn);
            if (physical == 0) {
                continue;
            }
            int blockBytes = blockSize(lbn);
            checkData(physical, blockBytes, lbn);
            long bytes = Math.min(blockBytes, size - offset);
            boolean adjacent = runBytes > 0 && runFile + runBytes == offset
                    && runFragment * sb.fsize() + runBytes == physical * sb.fsize()
                    && runBytes + bytes <= FileContent.MAX_EXTENT;
            if (!adjacent) {
                if (runBytes > 0) {
                    extents.add(fs.mapFragments(runFragment, runFile, (int) runBytes, path));
                }
                runFile = offset;
                runFragment = physical;
                runBytes = 0;
            }
            runBytes += bytes;
        }
        if (runBytes > 0) {
            extents.add(fs.mapFragments(runFragment, runFile, (int) runBytes, path));
        }
        return new FileContent(size, extents);
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
