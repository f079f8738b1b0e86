package dev.jkboot.mem;

import static dev.jkboot.mem.Seeded.forAll;
import static dev.jkboot.mem.Seeded.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The laws of half-open unsigned ranges, checked on seeded random ranges against an oracle in BigInteger
 * (the way u-root checks its memory ranges), with examples at 0, 2^63 and 2^64.
 */
class RangeTest {

    private static boolean in(long address, Range r) {
        BigInteger a = u(address);
        return a.compareTo(u(r.start())) >= 0 && a.compareTo(u(r.end())) < 0;
    }

    @Test
    void aRangeExistsExactlyWhenItsEndIsNotBelowItsStart() {
        forAll("construction", r -> {
            long a = Seeded.address(r);
            long b = Seeded.address(r);
            if (u(b).compareTo(u(a)) >= 0) {
                Range x = new Range(a, b);
                assertEquals(u(b).subtract(u(a)), u(x.size()));
                assertEquals(a == b, x.isEmpty());
                if (!x.isEmpty()) {
                    assertEquals(b - 1, x.last());
                }
            } else {
                assertThrows(IllegalArgumentException.class, () -> new Range(a, b));
            }
        });
    }

    @Test
    void ofSizeRefusesToWrapPast2To64() {
        forAll("ofSize", r -> {
            long start = Seeded.address(r);
            long size = Seeded.address(r);
            if (u(start).add(u(size)).compareTo(Seeded.TWO_TO_64) < 0) {
                Range x = Range.ofSize(start, size);
                assertEquals(start, x.start());
                assertEquals(u(size), u(x.size()));
            } else {
                assertThrows(IllegalArgumentException.class, () -> Range.ofSize(start, size));
            }
        });
    }

    @Test
    void inclusiveIsTheHalfOpenRangeOneLonger() {
        forAll("inclusive", r -> {
            long first = Seeded.address(r);
            long last = Seeded.address(r);
            if (last == -1L || u(last).add(BigInteger.ONE).compareTo(u(first)) < 0) {
                assertThrows(IllegalArgumentException.class, () -> Range.inclusive(first, last));
            } else {
                assertEquals(new Range(first, last + 1), Range.inclusive(first, last));
            }
        });
        assertEquals(new Range(0xfee00000L, 0xfee01000L), Range.inclusive(0xfee00000L, 0xfee00fffL));
        assertEquals(new Range(Long.MIN_VALUE, -1L), Range.inclusive(Long.MIN_VALUE, -2L));
    }

    @Test
    void containsAnAddressExactlyWhenStartIsAtOrBelowItAndEndAbove() {
        forAll("contains(address)", r -> {
            Range x = Seeded.range(r);
            for (long p : Seeded.probes(r, x)) {
                assertEquals(in(p, x), x.contains(p), x + " contains 0x" + Long.toHexString(p));
            }
        });
    }

    @Test
    void overlapsMeansSomeAddressIsInBoth() {
        forAll("overlaps", r -> {
            Range x = Seeded.range(r);
            Range y = Seeded.rangeNear(r, x);
            BigInteger from = u(x.start()).max(u(y.start()));
            BigInteger to = u(x.end()).min(u(y.end()));
            boolean expected = from.compareTo(to) < 0;
            assertEquals(expected, x.overlaps(y), x + " overlaps " + y);
            assertEquals(expected, y.overlaps(x), "symmetric");
            for (long p : Seeded.probes(r, x, y)) {
                if (in(p, x) && in(p, y)) {
                    assertTrue(x.overlaps(y), "0x" + Long.toHexString(p) + " is in both");
                }
            }
        });
    }

    @Test
    void containsARangeExactlyWhenItsEndsAreInside() {
        forAll("contains(range)", r -> {
            Range x = Seeded.range(r);
            Range y = Seeded.rangeNear(r, x);
            boolean expected = u(x.start()).compareTo(u(y.start())) <= 0 && u(y.end()).compareTo(u(x.end())) <= 0;
            assertEquals(expected, x.contains(y), x + " contains " + y);
            if (expected) {
                for (long p : Seeded.probes(r, y)) {
                    assertTrue(!in(p, y) || x.contains(p), "0x" + Long.toHexString(p));
                }
                assertEquals(y.isEmpty() ? new Range(x.start(), x.start()) : y, x.intersect(y));
            }
            assertTrue(x.contains(x));
        });
    }

    @Test
    void intersectHoldsExactlyTheAddressesInBoth() {
        forAll("intersect", r -> {
            Range x = Seeded.range(r);
            Range y = Seeded.rangeNear(r, x);
            Range both = x.intersect(y);
            assertEquals(x.overlaps(y), !both.isEmpty());
            if (both.isEmpty()) {
                assertEquals(x.start(), both.start(), "empty at this range's start");
            } else {
                assertTrue(x.contains(both) && y.contains(both));
                assertEquals(both, y.intersect(x), "commutative");
            }
            for (long p : Seeded.probes(r, x, y)) {
                assertEquals(in(p, x) && in(p, y), both.contains(p), x + " ∩ " + y + " at 0x" + Long.toHexString(p));
            }
        });
    }

    @Test
    void minusLeavesExactlyTheAddressesNotInTheHole() {
        forAll("minus", r -> {
            Range x = Seeded.range(r);
            Range hole = Seeded.rangeNear(r, x);
            List<Range> pieces = x.minus(hole);
            assertTrue(pieces.size() <= 2, pieces.toString());
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < pieces.size(); i++) {
                Range p = pieces.get(i);
                assertFalse(p.isEmpty(), "no empty pieces: " + pieces);
                assertTrue(x.contains(p), p + " lies in " + x);
                assertFalse(p.overlaps(hole), p + " misses the hole " + hole);
                if (i > 0) {
                    assertTrue(u(pieces.get(i - 1).end()).compareTo(u(p.start())) < 0, "ordered, apart: " + pieces);
                }
                total = total.add(u(p.size()));
            }
            assertEquals(u(x.size()).subtract(u(x.intersect(hole).size())), total, "sizes add up");
            if (!x.overlaps(hole) && !x.isEmpty()) {
                assertEquals(List.of(x), pieces);
            }
            for (long a : Seeded.probes(r, x, hole)) {
                boolean kept = pieces.stream().anyMatch(p -> p.contains(a));
                assertEquals(in(a, x) && !in(a, hole), kept, x + " − " + hole + " at 0x" + Long.toHexString(a));
            }
        });
    }

    @Test
    void orderIsByStartThenEndUnsigned() {
        Comparator<Range> oracle = Comparator.comparing((Range x) -> u(x.start())).thenComparing(x -> u(x.end()));
        forAll("compareTo", r -> {
            Range x = Seeded.range(r);
            Range y = r.nextInt(10) == 0 ? new Range(x.start(), x.end()) : Seeded.rangeNear(r, x);
            assertEquals(Integer.signum(oracle.compare(x, y)), Integer.signum(x.compareTo(y)), x + " vs " + y);
            assertEquals(-Integer.signum(x.compareTo(y)), Integer.signum(y.compareTo(x)));
            assertEquals(x.equals(y), x.compareTo(y) == 0);
        });
        Random r = new Random(Seeded.SEED);
        List<Range> list = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            list.add(Seeded.range(r));
        }
        List<Range> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.naturalOrder());
        list.sort(oracle);
        assertEquals(list, sorted);
    }

    @Test
    void rangesAcross2To63AreOrdinaryRanges() {
        // Signed comparisons would call 2^63 smaller than 2^63 - 1: none of these would hold.
        Range across = new Range(Long.MAX_VALUE - 0xfff, Long.MIN_VALUE + 0x1000);
        assertEquals(0x2000, across.size());
        assertTrue(across.contains(Long.MAX_VALUE));
        assertTrue(across.contains(Long.MIN_VALUE));
        assertFalse(across.contains(0));
        assertTrue(across.overlaps(new Range(Long.MIN_VALUE, Long.MIN_VALUE + 1)));
        assertEquals(new Range(Long.MIN_VALUE, Long.MIN_VALUE + 0x1000), across.intersect(new Range(Long.MIN_VALUE, -1)));
        assertEquals(List.of(new Range(Long.MAX_VALUE - 0xfff, Long.MIN_VALUE)), across.minus(new Range(Long.MIN_VALUE, -1)));
        assertTrue(new Range(0, 0x1000).compareTo(across) < 0);
        Range top = new Range(-0x1000, -1);
        assertTrue(top.contains(-2L));
        assertFalse(top.contains(-1L), "2^64 - 1 is the end, not in the range");
        assertTrue(new Range(0, -1).contains(top));
        assertEquals("[0xfffffffffffff000, 0xffffffffffffffff)", top.toString());
    }

    @Test
    void emptyRangesContainNothingAndLeaveNothing() {
        Range empty = new Range(0x1000, 0x1000);
        assertFalse(empty.contains(0x1000));
        assertFalse(empty.overlaps(new Range(0, 0x2000)));
        assertFalse(new Range(0, 0x2000).overlaps(empty));
        assertTrue(new Range(0, 0x2000).contains(empty));
        assertEquals(List.of(), empty.minus(new Range(0, 0x10)), "nothing is left of nothing");
        assertEquals(List.of(new Range(0, 0x2000)), new Range(0, 0x2000).minus(empty));
        assertEquals(List.of(new Range(0, 0x1000), new Range(0x1001, 0x2000)),
                new Range(0, 0x2000).minus(new Range(0x1000, 0x1001)));
    }
}
