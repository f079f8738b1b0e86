package dev.jkboot.zfs.vdev;

/**
 * Raidz parity: row 0 (P) is the XOR of the data columns, row 1 (Q) and row 2 (R) their sums
 * weighted by powers of 2 and of 4 in GF(2^8), each computed Horner-fashion over the data
 * columns in order, a short column counting as zeros past its end
 * (vdev_raidz_generate_parity_p/pq/pqr in sys/cddl/boot/zfs/zfssubr.c). Data column {@code j}
 * of {@code n} therefore weighs {@code generator(row)^(n - 1 - j)}.
 */
final class RaidzParity {
    private RaidzParity() {}

    /** The generator of a parity row: 1, 2 or 4. */
    static int generator(int row) {
        return 1 << row;
    }

    /**
     * Parity row {@code row} of {@code size} bytes over the data columns; a null column counts
     * as all zeros (which makes this the syndrome of the known columns in a reconstruction).
     */
    static byte[] generate(int row, byte[][] data, int size) {
        int generator = generator(row);
        byte[] parity = new byte[size];
        for (byte[] column : data) {
            int length = column == null ? 0 : Math.min(column.length, size);
            for (int x = 0; x < size; x++) {
                int value = Galois.multiply(parity[x] & 0xff, generator);
                parity[x] = (byte) (x < length ? value ^ (column[x] & 0xff) : value);
            }
        }
        return parity;
    }
}
