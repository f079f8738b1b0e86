package dev.jkboot.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * A half-open physical address range {@code [start, end)}.
 *
 * <p>Inside jkboot every range is half-open; only the {@code /proc/iomem} edge speaks in inclusive
 * "last byte" terms, through {@link #inclusive(long, long)}. Addresses are treated as unsigned but
 * physical addresses on arm64 stay below 2^52, so plain {@code long} comparisons are safe.
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
        return address >= start && address < end;
    }

    public boolean contains(Range other) {
        return other.start >= start && other.end <= end;
    }

    public boolean overlaps(Range other) {
        return other.start < end && start < other.end;
    }

    /** The part both ranges share; empty (at this range's start) if they do not overlap. */
    public Range intersect(Range other) {
        long s = Math.max(start, other.start);
        long e = Math.min(end, other.end);
        return e > s ? new Range(s, e) : new Range(start, start);
    }

    /** This range with {@code hole} taken out: zero, one or two pieces, in address order. */
    public List<Range> minus(Range hole) {
        List<Range> pieces = new ArrayList<>(2);
        if (!overlaps(hole)) {
            pieces.add(this);
            return pieces;
        }
        if (hole.start > start) {
            pieces.add(new Range(start, hole.start));
        }
        if (hole.end < end) {
            pieces.add(new Range(hole.end, end));
        }
        return pieces;
    }

    @Override
    public int compareTo(Range o) {
        int c = Long.compare(start, o.start);
        return c != 0 ? c : Long.compare(end, o.end);
    }

    @Override
    public String toString() {
        return "[0x%x, 0x%x)".formatted(start, end);
    }
}
