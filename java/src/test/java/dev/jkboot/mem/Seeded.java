package dev.jkboot.mem;

import java.math.BigInteger;
import java.util.Random;

/**
 * Seeded random cases for property tests, biased towards the values where unsigned 64-bit arithmetic breaks:
 * 0, page and 2^52 boundaries, 2^63 (where signed comparison flips) and 2^64 (where addition wraps), each
 * with small offsets. The seed is fixed ({@code -Djkboot.seed=N} picks another; {@code -Djkboot.propertyCases=N}
 * runs N cases per law instead of 5000) and every failure names it with the case, so it can be replayed.
 */
final class Seeded {
    static final long SEED = Long.getLong("jkboot.seed", 0x6a6b626f6f74L);
    static final int CASES = Integer.getInteger("jkboot.propertyCases", 5_000);
    static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static final long[] EDGES = {
        0, Align.PAGE, Align.MIB * 2, Align.GIB, 1L << 32, 1L << 48, 1L << 52,
        Long.MAX_VALUE, Long.MIN_VALUE, -Align.PAGE, -1,
    };

    @FunctionalInterface
    interface Case {
        void check(Random random) throws Exception;
    }

    private Seeded() {}

    /** Runs {@code property} on {@link #CASES} cases, each with its own Random derived from the seed. */
    static void forAll(String property, Case property1) {
        for (int i = 0; i < CASES; i++) {
            long caseSeed = SEED * 0x9E3779B97F4A7C15L + i;
            try {
                property1.check(new Random(caseSeed));
            } catch (Throwable e) {
                throw new AssertionError("%s failed on case %d (seed %d, -Djkboot.seed=%d reruns all): %s"
                        .formatted(property, i, caseSeed, SEED, e), e);
            }
        }
    }

    /** An address: often an edge plus or minus a little, else anything, or something small. */
    static long address(Random r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> EDGES[r.nextInt(EDGES.length)] + r.nextInt(9) - 4;
            case 2 -> EDGES[r.nextInt(EDGES.length)] + (long) (r.nextInt(17) - 8) * Align.PAGE;
            case 3 -> r.nextLong();
            case 4 -> r.nextLong() >>> r.nextInt(64);
            default -> (long) r.nextInt(64) * Align.PAGE;
        };
    }

    /** A valid range: from two addresses in unsigned order, sometimes empty. */
    static Range range(Random r) {
        long a = address(r);
        long b = r.nextInt(8) == 0 ? a : address(r);
        return Long.compareUnsigned(a, b) <= 0 ? new Range(a, b) : new Range(b, a);
    }

    /** A range that often touches, overlaps, contains or sits in {@code near}: its ends are moved from near's. */
    static Range rangeNear(Random r, Range near) {
        if (r.nextInt(4) == 0) {
            return range(r);
        }
        long[] anchors = {near.start(), near.end()};
        long a = anchors[r.nextInt(2)] + r.nextInt(9) - 4;
        long b = anchors[r.nextInt(2)] + r.nextInt(9) - 4;
        return Long.compareUnsigned(a, b) <= 0 ? new Range(a, b) : new Range(b, a);
    }

    /** Addresses worth asking about two ranges: every end, one either side, and some random ones. */
    static long[] probes(Random r, Range... ranges) {
        long[] p = new long[ranges.length * 6 + 4];
        int n = 0;
        for (Range x : ranges) {
            for (long at : new long[] {x.start(), x.end()}) {
                p[n++] = at - 1;
                p[n++] = at;
                p[n++] = at + 1;
            }
        }
        while (n < p.length) {
            p[n++] = address(r);
        }
        return p;
    }

    static BigInteger u(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
