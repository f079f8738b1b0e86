package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ZFS's fletcher sums over a block's words, read in the block's byte order, as the native and
 * byteswap variants of sys/contrib/openzfs/module/zcommon/zfs_fletcher.c compute them. A tail
 * shorter than one step is not summed: block sizes are multiples of 512 bytes.
 */
final class Fletcher {
    private Fletcher() {}

    /** fletcher_2: two interleaved sums of 64-bit words, 16 bytes a step. */
    static ChecksumValue fletcher2(ByteBuffer block, ByteOrder order) {
        ByteBuffer words = block.slice().order(order);
        long a0 = 0;
        long a1 = 0;
        long b0 = 0;
        long b1 = 0;
        for (int i = 0; i + 16 <= words.limit(); i += 16) {
            a0 += words.getLong(i);
            a1 += words.getLong(i + 8);
            b0 += a0;
            b1 += a1;
        }
        return new ChecksumValue(a0, a1, b0, b1);
    }

    /** fletcher_4: four cascaded 64-bit sums of unsigned 32-bit words. */
    static ChecksumValue fletcher4(ByteBuffer block, ByteOrder order) {
        ByteBuffer words = block.slice().order(order);
        long a = 0;
        long b = 0;
        long c = 0;
        long d = 0;
        for (int i = 0; i + 4 <= words.limit(); i += 4) {
            a += Integer.toUnsignedLong(words.getInt(i));
            b += a;
            c += b;
            d += c;
        }
        return new ChecksumValue(a, b, c, d);
    }
}
