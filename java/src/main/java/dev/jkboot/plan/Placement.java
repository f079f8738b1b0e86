package dev.jkboot.plan;

import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the staging address with every keep-out in view: the holes are usable RAM minus every
 * keep-out range, and the first hole (in address order) with {@code size} bytes free from an
 * aligned address wins. kboot takes the first usable range and has a fallback address; a host
 * whose first hole is blocked would then fail or overwrite reserved memory. Here the next hole is
 * used, and when none fits the error names the largest.
 */
public final class Placement {
    private Placement() {}

    /** Usable RAM minus every keep-out, in whole pages and address order. */
    public static List<Range> holes(TargetMemory memory) {
        List<Range> holes = new ArrayList<>(memory.usableRam());
        holes.sort(Comparator.naturalOrder());
        for (TargetMemory.KeepOut k : memory.keepOut()) {
            List<Range> next = new ArrayList<>();
            for (Range hole : holes) {
                next.addAll(hole.minus(k.range()));
            }
            holes = next;
        }
        // Segments are whole pages: a hole's partial pages at either end belong to its neighbours.
        List<Range> pages = new ArrayList<>();
        for (Range hole : holes) {
            long start = Align.up(hole.start(), Align.PAGE);
            long end = Align.down(hole.end(), Align.PAGE);
            if (start < end) {
                pages.add(new Range(start, end));
            }
        }
        return pages;
    }

    /**
     * The first {@code alignment}-aligned address with {@code size} bytes free after it.
     *
     * @throws PlanException when no hole fits, naming the largest hole and the keep-outs
     */
    public static StagingArea find(TargetMemory memory, long size, long alignment) throws PlanException {
        if (size <= 0) {
            throw new IllegalArgumentException("staging size must be positive, not " + size);
        }
        for (Range hole : holes(memory)) {
            long address = Align.up(hole.start(), alignment);
            if (address < hole.end() && hole.end() - address >= size) {
                return new StagingArea(address, size, hole);
            }
        }
        String keepOuts = memory.keepOut().isEmpty() ? ""
                : " (kept out: " + memory.keepOut().stream().map(k -> k.why() + " " + k.range())
                        .collect(Collectors.joining(", ")) + ")";
        throw new PlanException("no usable RAM range has %s free at a %s-aligned address: %s%s".formatted(
                Align.human(size), boundary(alignment), describeLargest(memory, alignment), keepOuts),
                "free memory on the host (fewer or smaller reservations, e.g. crashkernel=) "
                        + "or boot fewer or smaller files");
    }

    /** Room from a hole's first aligned address to its end. */
    public record Room(Range hole, long bytes) {}

    /** The hole with the most room from its first {@code alignment}-aligned address; empty when there is no hole. */
    public static Optional<Room> largest(TargetMemory memory, long alignment) {
        Room best = null;
        for (Range hole : holes(memory)) {
            long address = Align.up(hole.start(), alignment);
            long room = address < hole.end() ? hole.end() - address : 0;
            if (best == null || room > best.bytes()) {
                best = new Room(hole, room);
            }
        }
        return Optional.ofNullable(best);
    }

    /** "the largest hole is [a, b), N from its first 2 MiB boundary", or why there is none. */
    static String describeLargest(TargetMemory memory, long alignment) {
        return largest(memory, alignment).map(r -> "the largest hole is %s, %s from its first %s boundary"
                .formatted(r.hole(), Align.human(r.bytes()), boundary(alignment)))
                .orElse("there is no usable RAM outside the keep-out ranges");
    }

    private static String boundary(long alignment) {
        return alignment % Align.MIB == 0 ? alignment / Align.MIB + " MiB" : Align.human(alignment);
    }
}
