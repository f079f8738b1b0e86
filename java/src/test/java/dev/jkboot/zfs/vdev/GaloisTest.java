package dev.jkboot.zfs.vdev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The field against vdev_raidz_pow2/log2 entries and the loader's VDEV_RAIDZ_MUL_2 shift-and-xor. */
class GaloisTest {

    static int timesTwo(int x) {
        return ((x << 1) ^ ((x & 0x80) != 0 ? 0x1d : 0)) & 0xff;
    }

    @Test
    void powersOfTwoMatchTheLoadersTable() {
        // vdev_raidz_pow2[0, 7, 8, 9, 25, 254]
        int[][] entries = {{0, 0x01}, {7, 0x80}, {8, 0x1d}, {9, 0x3a}, {25, 0x03}, {254, 0x8e}, {255, 0x01}};
        for (int[] entry : entries) {
            assertEquals(entry[1], Galois.power(2, entry[0]), "2^" + entry[0]);
        }
    }

    @Test
    void multiplyingByTwoIsTheShiftAndXor() {
        for (int a = 0; a < 256; a++) {
            assertEquals(timesTwo(a), Galois.multiply(a, 2), "a = " + a);
            assertEquals(timesTwo(timesTwo(a)), Galois.multiply(a, 4), "a = " + a);
            assertEquals(0, Galois.multiply(a, 0));
        }
    }

    @Test
    void everyNonZeroElementHasAnInverseAndMultiplicationDistributes() {
        for (int a = 1; a < 256; a++) {
            assertEquals(1, Galois.multiply(a, Galois.inverse(a)), "a = " + a);
            for (int b = 0; b < 256; b += 17) {
                assertEquals(Galois.multiply(a, b) ^ Galois.multiply(a, 0x5c), Galois.multiply(a, b ^ 0x5c));
            }
        }
        assertEquals(1, Galois.power(0, 0));
        assertEquals(0, Galois.power(0, 3));
        assertEquals(Galois.multiply(Galois.multiply(4, 4), 4), Galois.power(4, 3));
    }
}
