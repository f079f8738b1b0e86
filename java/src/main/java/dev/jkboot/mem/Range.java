package dev.jkboot.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * A half-open physical address range {@code [start, end)}.
 *
 * <p>Inside jkboot every range is half-open; only the {@code /proc/iomem} edge speaks in inclusive
 * "last byte" terms, through {@link #inclusive(long, long)}. Addresses are unsigned 64-bit values:
 * every comparison here is unsigned, so a range at or above 2^63 (a kernel virtual address, or a
 * bogus firmware value) behaves as one below it does. {@link #size()} is unsigned as well.
 */
public record Range(long start, long end) implements Comparable<Range> {

    public Range {
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException(
                    "range end 0x%x is below its start 0x%x".formatted(end, start));
        }
    }

    /** From a first and a last byte, as {@code /proc/iomem} writes them. */
    public static Range inclusive(long first, long last) {
        if (last == -1L) {
            throw new IllegalArgumentException("range ending at 2^64-1 cannot be made half-open");
        }
        return new Range(first, last + 1);
    }

    public static Range ofSize(long start, long size) {
        return new Range(start, start + size);
    }

    public long size() {
        return end - start;
    }

    /** The last byte, for printing in {@code /proc/iomem} style; undefined for an empty range. */
    public long last() {
        return end - 1;
    }

    public boolean isEmpty() {
        return start == end;
    }

    public boolean contains(long address) {
        return below(address, end) && !below(address, start);
    }

    /** Whether every address of {@code other} is in this range; an empty range counts as the point it sits at. */
    public boolean contains(Range other) {
        return !below(other.start, start) && !below(end, other.end);
    }

    /** Whether some address is in both; an empty range overlaps nothing. */
    public boolean overlaps(Range other) {
        // Without the emptiness tests an empty range inside another would overlap it, and minus would split
        // a range in two at an empty hole.
        return !isEmpty() && !other.isEmpty() && below(other.start, end) && below(start, other.end);
    }

    /** The part both ranges share; empty (at this range's start) if they do not overlap. */
    public Range intersect(Range other) {
        long s = below(start, other.start) ? other.start : start;
        long e = below(end, other.end) ? end : other.end;
        return below(s, e) ? new Range(s, e) : new Range(start, start);
    }

    /** This range with {@code hole} taken out: zero, one or two non-empty pieces, in address order. */
    public List<Range> minus(Range hole) {
        List<Range> pieces = new ArrayList<>(2);
        if (isEmpty()) {
            return pieces;
        }
        if (!overlaps(hole)) {
            pieces.add(this);
            return pieces;
        }
        if (below(start, hole.start)) {
            pieces.add(new Range(start, hole.start));
        }
        if (below(hole.end, end)) {
            pieces.add(new Range(hole.end, end));
        }
        return pieces;
    }

    /** By start, then end, both unsigned. */
    @Override
    public int compareTo(Range o) {
        int c = Long.compareUnsigned(start, o.start);
        return c != 0 ? c : Long.compareUnsigned(end, o.end);
    }

    /** The bytes {@code ranges} cover together, counting overlaps twice. */
    public static long totalSize(List<Range> ranges) {
        long total = 0;
        for (Range r : ranges) {
            total += r.size();
        }
        return total;
    }

    private static boolean below(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    @Override
    public String toString() {
        return "[0x%x, 0x%x)".formatted(start, end);
    }
}
