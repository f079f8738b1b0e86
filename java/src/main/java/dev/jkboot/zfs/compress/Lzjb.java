package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;

/**
 * Jeff Bonwick's LZJB, ZFS's first compression (sys/contrib/openzfs/module/zfs/lzjb.c): a copy
 * map byte announces the next eight items, each a literal byte or a two-byte match of 6 bits of
 * length (plus 3) and 10 bits of backwards offset. The stream ends when the target is full;
 * what follows is padding to the block's physical size.
 *
 * <p>The source is read from its array with one explicit bound, not one {@code ByteBuffer.get} a
 * byte: that made lzjb the largest cost of reading an lzjb dataset.
 */
final class Lzjb {
    private static final int MATCH_BITS = 6;
    private static final int MATCH_MIN = 3;
    private static final int OFFSET_MASK = (1 << (16 - MATCH_BITS)) - 1;

    private Lzjb() {}

    static void decompress(ByteBuffer source, byte[] target) throws CompressionException {
        byte[] bytes;
        int in;
        if (source.hasArray()) {
            bytes = source.array();
            in = source.arrayOffset() + source.position();
        } else {
            bytes = new byte[source.remaining()];
            source.duplicate().get(bytes);
            in = 0;
        }
        int end = in + source.remaining();
        int out = 0;
        int copyMap = 0;
        int copyMask = 1 << 7;
        while (out < target.length) {
            copyMask <<= 1;
            if (copyMask == 1 << 8) {
                copyMask = 1;
                copyMap = byteAt(bytes, in++, end, out);
            }
            if ((copyMap & copyMask) == 0) {
                int literal = byteAt(bytes, in++, end, out);
                target[out++] = (byte) literal;
                continue;
            }
            int high = byteAt(bytes, in++, end, out);
            int low = byteAt(bytes, in++, end, out);
            int length = (high >> (8 - MATCH_BITS)) + MATCH_MIN;
            int offset = ((high << 8) | low) & OFFSET_MASK;
            if (offset == 0 || offset > out) {
                throw Decompression.corrupt("lzjb", "a match refers " + offset + " bytes back from byte " + out);
            }
            if (length > target.length - out) {
                throw Decompression.corrupt("lzjb", "a match at byte " + out + " runs past the block's end");
            }
            for (int i = 0; i < length; i++, out++) {
                target[out] = target[out - offset];
            }
        }
    }

    private static int byteAt(byte[] source, int index, int end, int out) throws CompressionException {
        if (index >= end) {
            throw Decompression.truncated("lzjb", out);
        }
        return source[index] & 0xff;
    }
}
