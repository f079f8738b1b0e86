package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ZFS's lz4 (sys/contrib/openzfs/module/zfs/lz4_zfs.c): a 4-byte big-endian length, then that
 * many bytes of one LZ4 block (the block format of lz4's doc/lz4_Block_format.md), then padding
 * to the block's physical size. Each sequence is a token (4 bits of literal length, 4 of match
 * length less 4, 15 meaning "more bytes follow"), the literals, and, except in the last one, a
 * 2-byte little-endian backwards offset. The block must end exactly at its stated length with
 * the target exactly full.
 */
final class Lz4 {
    private static final int PREFIX = 4;
    private static final int MIN_MATCH = 4;

    private final ByteBuffer source;
    private final int end;
    private final byte[] target;
    private int in;
    private int out;

    private Lz4(ByteBuffer source, int in, int end, byte[] target) {
        this.source = source;
        this.in = in;
        this.end = end;
        this.target = target;
    }

    static void decompress(ByteBuffer source, byte[] target) throws CompressionException {
        if (source.remaining() < PREFIX) {
            throw Decompression.truncated("lz4", 0);
        }
        long stated = Integer.toUnsignedLong(source.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(source.position()));
        int available = source.remaining() - PREFIX;
        if (stated > available) {
            throw Decompression.corrupt("lz4", "the stated length " + stated + " exceeds the block's " + available + " bytes");
        }
        int start = source.position() + PREFIX;
        new Lz4(source, start, start + (int) stated, target).run();
    }

    private void run() throws CompressionException {
        while (true) {
            int token = next();
            int literals = length(token >>> 4);
            if (literals > end - in) {
                throw Decompression.truncated("lz4", out);
            }
            if (literals > target.length - out) {
                throw Decompression.corrupt("lz4", "literals at byte " + out + " run past the block's end");
            }
            source.get(in, target, out, literals);
            in += literals;
            out += literals;
            if (in == end) {
                break;
            }
            int offset = next() | next() << 8;
            if (offset == 0 || offset > out) {
                throw Decompression.corrupt("lz4", "a match refers " + offset + " bytes back from byte " + out);
            }
            int match = length(token & 0x0f) + MIN_MATCH;
            if (match > target.length - out) {
                throw Decompression.corrupt("lz4", "a match at byte " + out + " runs past the block's end");
            }
            for (int i = 0; i < match; i++, out++) {
                target[out] = target[out - offset];
            }
        }
        if (out != target.length) {
            throw Decompression.shortOutput("lz4", out, target.length);
        }
    }

    /** A literal or match length: the token's nibble, and when it is 15 the bytes that follow up to the first that is not 255. */
    private int length(int nibble) throws CompressionException {
        int length = nibble;
        if (nibble == 15) {
            int more;
            do {
                more = next();
                length += more;
                if (length > target.length) {
                    throw Decompression.corrupt("lz4", "a length at byte " + out + " exceeds the block's size");
                }
            } while (more == 255);
        }
        return length;
    }

    private int next() throws CompressionException {
        if (in >= end) {
            throw Decompression.truncated("lz4", out);
        }
        return source.get(in++) & 0xff;
    }
}
