package dev.jkboot.zfs.vdev;

import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A raidz1/2/3 vdev, read in vdev_raidz_read's three phases (sys/cddl/boot/zfs/zfssubr.c): the
 * data columns alone, when every one reads and the checksum holds; else every column, with the
 * columns that failed to read rebuilt from parity; else, when a child silently returned bad data,
 * every combination of further columns taken as bad, fewest first, until a reconstruction's
 * checksum holds. An absent child is a column that failed to read.
 */
final class RaidzVdev implements Vdev {
    private final VdevSpec spec;
    /** By child index, null where absent. */
    private final List<Vdev> children;

    RaidzVdev(VdevSpec spec, List<Vdev> children) {
        this.spec = spec;
        this.children = new ArrayList<>(children);
    }

    @Override
    public String describe() {
        return spec.describe();
    }

    @Override
    public ByteBuffer read(long offset, int size, BlockCheck check) throws VdevException, ChecksumException {
        int sector = 1 << spec.ashift();
        if (offset < 0 || size < 0 || offset % sector != 0 || size > Integer.MAX_VALUE - sector) {
            throw new VdevException("a ZFS block at offset %d (%d bytes) on %s is not sector-aligned"
                    .formatted(offset, size, describe()), "the block pointer is damaged");
        }
        int rounded = (size + sector - 1) / sector * sector;
        RaidzMap map = RaidzMap.of(offset, rounded, spec.ashift(), children.size(), spec.nparity());
        return new Attempt(map, size, check).run();
    }

    /** One block's read: the columns read so far and which of them failed. */
    private final class Attempt {
        private final RaidzMap map;
        private final int size;
        private final BlockCheck check;
        private final int columns;
        private final byte[][] bytes;
        private final boolean[] tried;
        private final boolean[] failed;
        private VdevException readError;
        private ChecksumException badData;

        Attempt(RaidzMap map, int size, BlockCheck check) {
            this.map = map;
            this.size = size;
            this.check = check;
            this.columns = map.columns().size();
            this.bytes = new byte[columns][];
            this.tried = new boolean[columns];
            this.failed = new boolean[columns];
        }

        ByteBuffer run() throws VdevException, ChecksumException {
            int nparity = map.nparity();
            for (int c = nparity; c < columns; c++) {
                readColumn(c);
            }
            if (errors(nparity, columns) == 0) {
                ByteBuffer block = verified(bytes);
                if (block != null) {
                    return block;
                }
            }
            for (int c = 0; c < nparity; c++) {
                readColumn(c);
            }
            int errors = errors(0, columns);
            if (errors > nparity) {
                throw new VdevException("%d of the %d columns of a ZFS block on %s cannot be read, more than its parity %d: %s"
                        .formatted(errors, columns, describe(), nparity, readError == null ? "" : readError.getMessage()),
                        "attach the pool's missing disks; jkboot looks for them by guid in /sys/block", readError);
            }
            if (errors(nparity, columns) > 0) {
                ByteBuffer block = reconstructed(failed);
                if (block != null) {
                    return block;
                }
            }
            ByteBuffer block = combinations(nparity - errors);
            if (block != null) {
                return block;
            }
            if (badData == null) {
                throw new VdevException("the parity of a ZFS block on " + describe() + " cannot rebuild its missing columns",
                        "attach the pool's missing disks; jkboot looks for them by guid in /sys/block");
            }
            throw new ChecksumException(badData.getMessage() + " (every reconstruction from the parity of "
                    + describe() + " tried)", badData.fix(), badData);
        }

        /** Tries every set of 1 to {@code spare} more columns taken as bad, fewest first. */
        private ByteBuffer combinations(int spare) throws ChecksumException {
            for (int n = 1; n <= spare; n++) {
                ByteBuffer block = combinations(n, 0, failed.clone());
                if (block != null) {
                    return block;
                }
            }
            return null;
        }

        private ByteBuffer combinations(int more, int from, boolean[] erased) throws ChecksumException {
            if (more == 0) {
                return errors(map.nparity(), columns, erased) > 0 ? reconstructed(erased) : null;
            }
            for (int c = from; c < columns; c++) {
                if (!erased[c]) {
                    erased[c] = true;
                    ByteBuffer block = combinations(more - 1, c + 1, erased);
                    erased[c] = false;
                    if (block != null) {
                        return block;
                    }
                }
            }
            return null;
        }

        /** The block rebuilt with the {@code erased} columns recomputed from the others, if its checksum holds. */
        private ByteBuffer reconstructed(boolean[] erased) throws ChecksumException {
            int nparity = map.nparity();
            byte[][] parity = new byte[nparity][];
            for (int c = 0; c < nparity; c++) {
                parity[c] = erased[c] ? null : bytes[c];
            }
            byte[][] data = new byte[columns - nparity][];
            int[] sizes = new int[data.length];
            for (int c = nparity; c < columns; c++) {
                data[c - nparity] = erased[c] ? null : bytes[c];
                sizes[c - nparity] = map.columns().get(c).size();
            }
            if (!RaidzReconstruction.rebuild(parity, data, sizes, map.columns().get(0).size())) {
                return null;
            }
            byte[][] all = bytes.clone();
            System.arraycopy(data, 0, all, nparity, data.length);
            return verified(all);
        }

        /** The data columns of {@code all} joined, if the checksum accepts them; remembers the first refusal. */
        private ByteBuffer verified(byte[][] all) throws ChecksumException {
            byte[] block = new byte[size];
            int at = 0;
            for (int c = map.nparity(); c < columns && at < size; c++) {
                int length = Math.min(all[c].length, size - at);
                System.arraycopy(all[c], 0, block, at, length);
                at += length;
            }
            ByteBuffer buffer = ByteBuffer.wrap(block);
            try {
                check.verify(buffer.asReadOnlyBuffer());
                return buffer;
            } catch (ChecksumException e) {
                badData = badData == null ? e : badData;
                return null;
            }
        }

        private void readColumn(int c) {
            if (tried[c]) {
                return;
            }
            tried[c] = true;
            RaidzMap.Column column = map.columns().get(c);
            Vdev child = children.get(column.child());
            if (child == null) {
                failed[c] = true;
                return;
            }
            try {
                ByteBuffer read = child.read(column.offset(), column.size(), BlockCheck.NONE);
                bytes[c] = new byte[column.size()];
                read.get(bytes[c]);
            } catch (VdevException | ChecksumException e) {
                failed[c] = true;
                if (e instanceof VdevException v && readError == null) {
                    readError = v;
                }
            }
        }

        private int errors(int from, int to) {
            return errors(from, to, failed);
        }

        private int errors(int from, int to, boolean[] marks) {
            int count = 0;
            for (int c = from; c < to; c++) {
                count += marks[c] ? 1 : 0;
            }
            return count;
        }
    }
}
