package dev.jkboot.zfs.vdev;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and generator 2,
 * the field of raidz's Q and R parity (vdev_raidz_pow2 and vdev_raidz_log2 in
 * sys/cddl/boot/zfs/zfssubr.c). Addition is XOR.
 */
final class Galois {
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= 0x11d;
            }
        }
    }

    private Galois() {}

    static int multiply(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** {@code base} raised to {@code exponent >= 0}. */
    static int power(int base, int exponent) {
        if (exponent == 0) {
            return 1;
        }
        return base == 0 ? 0 : EXP[(int) ((long) LOG[base] * exponent % 255)];
    }

    /** The inverse of {@code a != 0}. */
    static int inverse(int a) {
        return EXP[255 - LOG[a]];
    }
}
