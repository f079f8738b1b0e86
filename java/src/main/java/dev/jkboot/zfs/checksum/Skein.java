package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Skein-512 with an optional MAC key and an output of up to 512 bits, as ZFS's skein checksum
 * uses it: 256 bits keyed with the pool's salt (abd_checksum_skein_tmpl_init in
 * sys/contrib/openzfs/module/zfs/skein_zfs.c, Skein_512_InitExt). Written from the Skein 1.3
 * specification (Ferguson et al., 2010): Threefish-512 chained by UBI over the key, the
 * 32-byte configuration block, the message and the output counter.
 */
final class Skein {
    private static final long C240 = 0x1bd11bdaa9fc1a22L;
    private static final int[][] ROTATIONS = {
        {46, 36, 19, 37}, {33, 27, 14, 42}, {17, 49, 36, 39}, {44, 9, 54, 56},
        {39, 30, 34, 24}, {13, 50, 10, 17}, {25, 29, 39, 43}, {8, 35, 56, 22}};
    private static final int[] PERMUTATION = {2, 1, 4, 7, 6, 5, 0, 3};
    private static final int BLOCK = 64;
    private static final long TYPE_KEY = 0;
    private static final long TYPE_CONFIG = 4;
    private static final long TYPE_MESSAGE = 48;
    private static final long TYPE_OUTPUT = 63;

    private Skein() {}

    /** Skein-512 of the remaining bytes of {@code message} (not moved), keyed by {@code key} (may be empty). */
    static byte[] mac(byte[] key, ByteBuffer message, int outputBits) {
        long[] chain = new long[8];
        if (key.length > 0) {
            chain = ubi(chain, ByteBuffer.wrap(key), TYPE_KEY);
        }
        // schema "SHA3", version 1, output length, sequential (no tree), then zeros to 32 bytes
        ByteBuffer config = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        config.putInt(0x33414853).putShort((short) 1).putShort((short) 0).putLong(outputBits).position(0);
        chain = ubi(chain, config, TYPE_CONFIG);
        chain = ubi(chain, message.slice(), TYPE_MESSAGE);
        chain = ubi(chain, ByteBuffer.allocate(8), TYPE_OUTPUT);
        ByteBuffer out = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (long word : chain) {
            out.putLong(word);
        }
        return Arrays.copyOf(out.array(), outputBits / 8);
    }

    /** UBI: each 64-byte block (the last zero-padded; an empty input is one such block) enciphered under the chain and fed forward. */
    private static long[] ubi(long[] chain, ByteBuffer input, long type) {
        long position = 0;
        boolean first = true;
        do {
            int length = Math.min(BLOCK, input.remaining());
            byte[] bytes = new byte[BLOCK];
            input.get(bytes, 0, length);
            position += length;
            long flags = type << 56 | (first ? 1L << 62 : 0) | (input.hasRemaining() ? 0 : 1L << 63);
            long[] block = new long[8];
            ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 8; i++) {
                block[i] = words.getLong(i * 8);
            }
            long[] cipher = threefish(chain, new long[] {position, flags}, block);
            for (int i = 0; i < 8; i++) {
                cipher[i] ^= block[i];
            }
            chain = cipher;
            first = false;
        } while (input.hasRemaining());
        return chain;
    }

    /** Threefish-512: 72 rounds of MIX and word permutation, a subkey added every four. */
    private static long[] threefish(long[] key, long[] tweak, long[] plain) {
        long[] k = Arrays.copyOf(key, 9);
        k[8] = C240;
        for (int i = 0; i < 8; i++) {
            k[8] ^= key[i];
        }
        long[] t = {tweak[0], tweak[1], tweak[0] ^ tweak[1]};
        long[] v = plain.clone();
        for (int round = 0; round < 72; round++) {
            if (round % 4 == 0) {
                addSubkey(v, k, t, round / 4);
            }
            int[] r = ROTATIONS[round % 8];
            for (int j = 0; j < 4; j++) {
                v[2 * j] += v[2 * j + 1];
                v[2 * j + 1] = Long.rotateLeft(v[2 * j + 1], r[j]) ^ v[2 * j];
            }
            long[] permuted = new long[8];
            for (int i = 0; i < 8; i++) {
                permuted[i] = v[PERMUTATION[i]];
            }
            v = permuted;
        }
        addSubkey(v, k, t, 18);
        return v;
    }

    private static void addSubkey(long[] v, long[] k, long[] t, int s) {
        for (int i = 0; i < 8; i++) {
            v[i] += k[(s + i) % 9];
        }
        v[5] += t[s % 3];
        v[6] += t[(s + 1) % 3];
        v[7] += s;
    }
}
