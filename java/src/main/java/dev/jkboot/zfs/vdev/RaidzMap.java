package dev.jkboot.zfs.vdev;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a raidz block's sectors lie: vdev_raidz_map_alloc of sys/cddl/boot/zfs/zfssubr.c. The
 * block's sectors are dealt out, row by row, across the children starting at the child its
 * offset falls on; the first {@code nparity} columns hold parity, the rest the data in order.
 * The first {@code bigColumns} columns are one sector longer than the others. Columns that
 * would hold nothing are left out; the allocation is padded with {@code skipSectors} sectors to
 * a multiple of {@code nparity + 1}. Single-parity maps swap their first two columns in every
 * odd megabyte of the vdev, an on-disk quirk ZFS keeps for ever.
 *
 * @param columns the parity columns, then the data columns, each with its child and offset
 * @param allocatedSize the bytes the block occupies across the children, skip sectors included
 */
public record RaidzMap(int nparity, List<Column> columns, long skipSectors, long allocatedSize) {

    /** One column: {@code size} bytes at {@code offset} on child {@code child}. */
    public record Column(int child, long offset, int size) {}

    public RaidzMap {
        columns = List.copyOf(columns);
    }

    /**
     * The map of the {@code size}-byte block (a multiple of {@code 1 << ashift}) at vdev offset
     * {@code offset} of a raidz with {@code children} children, {@code nparity} of them parity.
     * The caller has checked {@code 0 < nparity < children}, the ashift and the offset.
     */
    public static RaidzMap of(long offset, int size, int ashift, int children, int nparity) {
        long b = offset >>> ashift;
        long s = size >>> ashift;
        long first = b % children;
        long rowOffset = (b / children) << ashift;
        long q = s / (children - nparity);
        long r = s - q * (children - nparity);
        long bigColumns = r == 0 ? 0 : r + nparity;
        long total = s + nparity * (q + (r == 0 ? 0 : 1));
        long used = q == 0 ? bigColumns : children;
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < used; c++) {
            long child = first + c;
            long columnOffset = rowOffset;
            if (child >= children) {
                child -= children;
                columnOffset += 1L << ashift;
            }
            long sectors = c < bigColumns ? q + 1 : q;
            columns.add(new Column((int) child, columnOffset, (int) (sectors << ashift)));
        }
        if (nparity == 1 && (offset & (1L << 20)) != 0) {
            Column parity = columns.get(0);
            Column data = columns.get(1);
            columns.set(0, new Column(data.child(), data.offset(), parity.size()));
            columns.set(1, new Column(parity.child(), parity.offset(), data.size()));
        }
        long skip = roundUp(total, nparity + 1) - total;
        return new RaidzMap(nparity, columns, skip, (total + skip) << ashift);
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
