package dev.jkboot.mem;

import static dev.jkboot.mem.Seeded.forAll;
import static dev.jkboot.mem.Seeded.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Alignment on unsigned 64-bit values against a BigInteger oracle, and the byte counts jkboot prints. */
class AlignTest {
    private static long powerOfTwo(Random r) {
        return 1L << r.nextInt(63);
    }

    @Test
    void downIsTheLargestMultipleAtOrBelow() {
        forAll("down", r -> {
            long v = Seeded.address(r);
            long a = powerOfTwo(r);
            BigInteger expected = u(v).subtract(u(v).mod(BigInteger.valueOf(a)));
            assertEquals(expected, u(Align.down(v, a)), "down(0x%x, 0x%x)".formatted(v, a));
        });
    }

    @Test
    void upIsTheSmallestMultipleAtOrAboveOrAnErrorPast2To64() {
        forAll("up", r -> {
            long v = Seeded.address(r);
            long a = powerOfTwo(r);
            BigInteger big = BigInteger.valueOf(a);
            BigInteger rem = u(v).mod(big);
            BigInteger expected = rem.signum() == 0 ? u(v) : u(v).add(big).subtract(rem);
            if (expected.compareTo(Seeded.TWO_TO_64) < 0) {
                assertEquals(expected, u(Align.up(v, a)), "up(0x%x, 0x%x)".formatted(v, a));
            } else {
                assertThrows(ArithmeticException.class, () -> Align.up(v, a), "up(0x%x, 0x%x)".formatted(v, a));
            }
        });
        assertEquals(Long.MIN_VALUE, Align.up(Long.MAX_VALUE, Align.PAGE), "2^63 is an ordinary address");
        assertEquals(-Align.PAGE, Align.up(-Align.PAGE, Align.PAGE));
        assertThrows(ArithmeticException.class, () -> Align.up(-Align.PAGE + 1, Align.PAGE));
        assertEquals(-1L, Align.up(-1L, 1));
    }

    @Test
    void isAlignedExactlyWhenUpAndDownAgree() {
        forAll("isAligned", r -> {
            long v = Seeded.address(r);
            long a = powerOfTwo(r);
            boolean aligned = u(v).mod(BigInteger.valueOf(a)).signum() == 0;
            assertEquals(aligned, Align.isAligned(v, a));
            long down = Align.down(v, a);
            assertTrue(Align.isAligned(down, a));
            assertEquals(down, Align.down(down, a), "idempotent");
            assertEquals(aligned, down == v);
            if (Long.compareUnsigned(v, -a) <= 0) {
                long up = Align.up(v, a);
                assertTrue(Align.isAligned(up, a));
                assertEquals(up, Align.up(up, a), "idempotent");
                assertEquals(aligned ? 0 : a, up - down);
            }
        });
    }

    @Test
    void onlyPositivePowersOfTwoAreAlignments() {
        forAll("alignment", r -> {
            long a = r.nextBoolean() ? Seeded.address(r) : r.nextInt(1 << 16) - (1 << 15);
            boolean power = a > 0 && Long.bitCount(a) == 1;
            if (power) {
                Align.down(Seeded.address(r), a);
            } else {
                // 2^63 is a power of two, but alignments are positive longs: it is refused too.
                assertThrows(IllegalArgumentException.class, () -> Align.down(1, a));
                assertThrows(IllegalArgumentException.class, () -> Align.up(1, a));
                assertThrows(IllegalArgumentException.class, () -> Align.isAligned(1, a));
            }
        });
    }

    private static final Pattern HUMAN = Pattern.compile("(\\d+)(\\.(\\d))? (B|KiB|MiB|GiB|TiB)");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    @Test
    void humanSizesNameTheLargestUnitWithAtLeastFourAndAreWithinATenth() {
        forAll("human", r -> {
            long bytes = Seeded.address(r) & Long.MAX_VALUE;
            String text = Align.human(bytes);
            Matcher m = HUMAN.matcher(text);
            assertTrue(m.matches(), text);
            int u = java.util.Arrays.asList(UNITS).indexOf(m.group(4));
            BigInteger unit = BigInteger.ONE.shiftLeft(10 * u);
            // The unit: the largest (up to TiB) of which there are at least 4, bytes below 4 KiB in bytes.
            int expectedUnit = 0;
            while (expectedUnit < 4 && u(bytes).compareTo(BigInteger.valueOf(4).shiftLeft(10 * (expectedUnit + 1))) >= 0) {
                expectedUnit++;
            }
            assertEquals(UNITS[expectedUnit], m.group(4), bytes + " -> " + text);
            boolean exact = u(bytes).mod(unit).signum() == 0;
            assertEquals(exact, m.group(2) == null, bytes + " -> " + text);
            if (exact) {
                assertEquals(u(bytes).divide(unit), new BigInteger(m.group(1)));
            } else {
                // Within half a tenth of the unit, as %.1f rounds.
                BigInteger tenths = new BigInteger(m.group(1) + m.group(3));
                BigInteger error = tenths.multiply(unit).subtract(u(bytes).multiply(BigInteger.TEN)).abs();
                assertTrue(error.compareTo(unit.divide(BigInteger.TWO).add(BigInteger.ONE)) <= 0, bytes + " -> " + text);
            }
        });
    }

    @Test
    void humanSizesSpeakTheSameWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("6.5 GiB", Align.human(6 * Align.GIB + 512 * Align.MIB));
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals("4095 B", Align.human(4095));
        assertEquals("4 KiB", Align.human(4096));
        assertEquals("64 MiB", Align.human(64 * Align.MIB));
        assertEquals("1536 MiB", Align.human(1536 * Align.MIB));
        assertEquals("0 B", Align.human(0));
        assertEquals("8388608.0 TiB", Align.human(Long.MAX_VALUE));
    }
}
