package dev.jkboot.zfs.vdev;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds erased raidz data columns from the surviving parity: with {@code k} data columns
 * erased, the first {@code k} surviving parity rows give, at every byte, {@code k} linear
 * equations over GF(2^8) in the {@code k} unknown bytes (the parity row's syndrome equals the
 * weighted sum of the erased bytes), solved by the inverse of their coefficient matrix, as
 * vdev_raidz_reconstruct_general does in sys/cddl/boot/zfs/zfssubr.c.
 */
final class RaidzReconstruction {
    private RaidzReconstruction() {}

    /**
     * Fills the null entries of {@code data} (data column {@code j} is {@code sizes[j]} bytes).
     *
     * @param parity the parity rows, each {@code paritySize} bytes, null where erased
     * @return false if too few parity rows survive, or their equations have no single solution
     */
    static boolean rebuild(byte[][] parity, byte[][] data, int[] sizes, int paritySize) {
        List<Integer> erased = new ArrayList<>();
        for (int j = 0; j < data.length; j++) {
            if (data[j] == null) {
                erased.add(j);
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < parity.length && rows.size() < erased.size(); row++) {
            if (parity[row] != null) {
                rows.add(row);
            }
        }
        int k = erased.size();
        if (rows.size() < k) {
            return false;
        }
        int[][] matrix = new int[k][k];
        for (int i = 0; i < k; i++) {
            for (int m = 0; m < k; m++) {
                matrix[i][m] = Galois.power(RaidzParity.generator(rows.get(i)), data.length - 1 - erased.get(m));
            }
        }
        int[][] inverse = invert(matrix);
        if (inverse == null) {
            return false;
        }
        byte[][] syndromes = new byte[k][];
        for (int i = 0; i < k; i++) {
            byte[] known = RaidzParity.generate(rows.get(i), data, paritySize);
            byte[] read = parity[rows.get(i)];
            for (int x = 0; x < paritySize; x++) {
                known[x] ^= read[x];
            }
            syndromes[i] = known;
        }
        for (int m = 0; m < k; m++) {
            byte[] column = new byte[sizes[erased.get(m)]];
            for (int x = 0; x < column.length; x++) {
                int value = 0;
                for (int i = 0; i < k; i++) {
                    value ^= Galois.multiply(inverse[m][i], syndromes[i][x] & 0xff);
                }
                column[x] = (byte) value;
            }
            data[erased.get(m)] = column;
        }
        return true;
    }

    /** The inverse of a square matrix over GF(2^8) by Gauss-Jordan elimination, or null if it is singular. */
    private static int[][] invert(int[][] matrix) {
        int n = matrix.length;
        int[][] a = new int[n][];
        int[][] inverse = new int[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
            inverse[i][i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && a[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                return null;
            }
            int[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            swap = inverse[col];
            inverse[col] = inverse[pivot];
            inverse[pivot] = swap;
            int scale = Galois.inverse(a[col][col]);
            for (int j = 0; j < n; j++) {
                a[col][j] = Galois.multiply(a[col][j], scale);
                inverse[col][j] = Galois.multiply(inverse[col][j], scale);
            }
            for (int row = 0; row < n; row++) {
                int factor = a[row][col];
                if (row != col && factor != 0) {
                    for (int j = 0; j < n; j++) {
                        a[row][j] ^= Galois.multiply(factor, a[col][j]);
                        inverse[row][j] ^= Galois.multiply(factor, inverse[col][j]);
                    }
                }
            }
        }
        return inverse;
    }
}
