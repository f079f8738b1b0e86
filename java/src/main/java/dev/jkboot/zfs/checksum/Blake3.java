package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * BLAKE3 in keyed-hash mode with a 32-byte output, as ZFS's blake3 checksum uses it with the
 * pool's salt as the key (abd_checksum_blake3_tmpl_init in
 * sys/contrib/openzfs/module/zfs/blake3_zfs.c). Written from the BLAKE3 specification
 * (O'Connor, Aumasson, Neves, Wilcox-O'Hearn, 2020): 1 KiB chunks of 64-byte blocks, each
 * chunk's chaining value merged into a binary tree by parent nodes, the root compressed with
 * the ROOT flag.
 */
final class Blake3 {
    private static final int[] IV = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private static final int[] PERMUTATION = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
    private static final int CHUNK_START = 1;
    private static final int CHUNK_END = 2;
    private static final int PARENT = 4;
    private static final int ROOT = 8;
    private static final int KEYED_HASH = 16;
    private static final int BLOCK_LEN = 64;
    private static final int CHUNK_LEN = 1024;

    private Blake3() {}

    /** The 32-byte keyed hash of the remaining bytes of {@code input}, which is not moved. */
    static byte[] keyedHash(byte[] key, ByteBuffer input) {
        int[] keyWords = words(ByteBuffer.wrap(key), 8);
        ByteBuffer data = input.slice();
        Deque<int[]> stack = new ArrayDeque<>();
        long chunk = 0;
        // every chunk but the last goes into the tree; the last becomes (part of) the root
        while (data.remaining() > CHUNK_LEN) {
            int[] cv = chunkOutput(keyWords, data, chunk).chainingValue();
            chunk++;
            for (long total = chunk; (total & 1) == 0; total >>= 1) {
                cv = parent(keyWords, stack.pop(), cv).chainingValue();
            }
            stack.push(cv);
        }
        Output output = chunkOutput(keyWords, data, chunk);
        while (!stack.isEmpty()) {
            output = parent(keyWords, stack.pop(), output.chainingValue());
        }
        int[] root = compress(output.cv, output.block, 0, output.blockLength, output.flags | ROOT);
        ByteBuffer out = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            out.putInt(root[i]);
        }
        return out.array();
    }

    /** The input to one compression, kept so the root can be compressed with another flag. */
    private record Output(int[] cv, int[] block, long counter, int blockLength, int flags) {
        int[] chainingValue() {
            return java.util.Arrays.copyOf(compress(cv, block, counter, blockLength, flags), 8);
        }
    }

    /** Compresses every block of the next chunk (at most 1 KiB of {@code data}) but the last, which it returns. */
    private static Output chunkOutput(int[] key, ByteBuffer data, long chunk) {
        int length = Math.min(CHUNK_LEN, data.remaining());
        int[] cv = key.clone();
        int start = CHUNK_START;
        int consumed = 0;
        while (length - consumed > BLOCK_LEN) {
            cv = java.util.Arrays.copyOf(compress(cv, block(data, BLOCK_LEN), chunk, BLOCK_LEN, KEYED_HASH | start), 8);
            start = 0;
            consumed += BLOCK_LEN;
        }
        int last = length - consumed;
        return new Output(cv, block(data, last), chunk, last, KEYED_HASH | start | CHUNK_END);
    }

    private static Output parent(int[] key, int[] left, int[] right) {
        int[] block = new int[16];
        System.arraycopy(left, 0, block, 0, 8);
        System.arraycopy(right, 0, block, 8, 8);
        return new Output(key, block, 0, BLOCK_LEN, KEYED_HASH | PARENT);
    }

    /** The next {@code length} bytes of {@code data} as a zero-padded 64-byte block of words. */
    private static int[] block(ByteBuffer data, int length) {
        byte[] bytes = new byte[BLOCK_LEN];
        data.get(bytes, 0, length);
        return words(ByteBuffer.wrap(bytes), 16);
    }

    private static int[] words(ByteBuffer bytes, int count) {
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = bytes.getInt(i * 4);
        }
        return words;
    }

    private static int[] compress(int[] cv, int[] block, long counter, int blockLength, int flags) {
        int[] s = {cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], cv[7],
            IV[0], IV[1], IV[2], IV[3], (int) counter, (int) (counter >>> 32), blockLength, flags};
        int[] m = block.clone();
        for (int round = 0; round < 7; round++) {
            g(s, 0, 4, 8, 12, m[0], m[1]);
            g(s, 1, 5, 9, 13, m[2], m[3]);
            g(s, 2, 6, 10, 14, m[4], m[5]);
            g(s, 3, 7, 11, 15, m[6], m[7]);
            g(s, 0, 5, 10, 15, m[8], m[9]);
            g(s, 1, 6, 11, 12, m[10], m[11]);
            g(s, 2, 7, 8, 13, m[12], m[13]);
            g(s, 3, 4, 9, 14, m[14], m[15]);
            int[] permuted = new int[16];
            for (int i = 0; i < 16; i++) {
                permuted[i] = m[PERMUTATION[i]];
            }
            m = permuted;
        }
        for (int i = 0; i < 8; i++) {
            s[i] ^= s[i + 8];
            s[i + 8] ^= cv[i];
        }
        return s;
    }

    private static void g(int[] s, int a, int b, int c, int d, int x, int y) {
        s[a] += s[b] + x;
        s[d] = Integer.rotateRight(s[d] ^ s[a], 16);
        s[c] += s[d];
        s[b] = Integer.rotateRight(s[b] ^ s[c], 12);
        s[a] += s[b] + y;
        s[d] = Integer.rotateRight(s[d] ^ s[a], 8);
        s[c] += s[d];
        s[b] = Integer.rotateRight(s[b] ^ s[c], 7);
    }
}
