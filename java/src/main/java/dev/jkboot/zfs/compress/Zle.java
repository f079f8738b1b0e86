package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;

/**
 * ZFS's zero-length encoding (sys/contrib/openzfs/module/zfs/zle.c): each length byte {@code n}
 * announces {@code n + 1} literal bytes when {@code n + 1 <= 64}, else {@code n + 1 - 64} zeros.
 * The stream ends when the target is full; what follows is padding.
 */
final class Zle {
    /** The level ZFS uses for zle: the largest literal run. */
    private static final int LITERAL_MAX = 64;

    private Zle() {}

    static void decompress(ByteBuffer source, byte[] target) throws CompressionException {
        int in = source.position();
        int end = source.limit();
        int out = 0;
        while (out < target.length) {
            if (in >= end) {
                throw Decompression.truncated("zle", out);
            }
            int length = 1 + (source.get(in++) & 0xff);
            boolean literal = length <= LITERAL_MAX;
            if (!literal) {
                length -= LITERAL_MAX;
            }
            if (length > target.length - out) {
                throw Decompression.corrupt("zle", "a run at byte " + out + " runs past the block's end");
            }
            if (literal) {
                if (length > end - in) {
                    throw Decompression.truncated("zle", out);
                }
                source.get(in, target, out, length);
                in += length;
            }
            out += length;
        }
    }
}
