package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** fletcher2 and fletcher4 on vectors worked out by hand from zfs_fletcher.c's loops. */
class FletcherTest {

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    @Test
    void fletcher4SumsLittleEndianWordsFourTimesOver() throws ChecksumException {
        // words 1, 2: a = 1, 3; b = 1, 4; c = 1, 5; d = 1, 6
        ByteBuffer block = bytes(1, 0, 0, 0, 2, 0, 0, 0);
        assertEquals(new ChecksumValue(3, 4, 5, 6),
                Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.LITTLE_ENDIAN, null));
    }

    @Test
    void fletcher4ReadsTheWordsInTheBlocksByteOrder() throws ChecksumException {
        // the same bytes big-endian are the words 0x01000000 and 0x02000000
        ByteBuffer block = bytes(1, 0, 0, 0, 2, 0, 0, 0);
        long unit = 0x01000000L;
        assertEquals(new ChecksumValue(3 * unit, 4 * unit, 5 * unit, 6 * unit),
                Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.BIG_ENDIAN, null));
    }

    @Test
    void fletcher4WordsAreUnsigned() throws ChecksumException {
        ByteBuffer block = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
        long w = 0xffffffffL;
        assertEquals(new ChecksumValue(2 * w, 3 * w, 4 * w, 5 * w),
                Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.LITTLE_ENDIAN, null));
    }

    @Test
    void fletcher4SumsWrapAt64Bits() throws ChecksumException {
        ByteBuffer block = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        long a = 0;
        long b = 0;
        long c = 0;
        long d = 0;
        for (int i = 0; i < 1024; i++) {
            int word = 0x9e3779b9 * (i + 1);
            block.putInt(word);
            a += Integer.toUnsignedLong(word);
            b += a;
            c += b;
            d += c;
        }
        block.flip();
        assertEquals(new ChecksumValue(a, b, c, d),
                Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.LITTLE_ENDIAN, null));
    }

    @Test
    void fletcher2KeepsTwoInterleavedSumsAndIgnoresAShortTail() throws ChecksumException {
        ByteBuffer block = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        block.putLong(1).putLong(2).putLong(3).putLong(4).putLong(99).flip();
        // a0 = 1, 4; a1 = 2, 6; b0 = 1, 5; b1 = 2, 8
        assertEquals(new ChecksumValue(4, 6, 5, 8),
                Checksums.compute(ChecksumType.FLETCHER_2, block, ByteOrder.LITTLE_ENDIAN, null));
        block.order(ByteOrder.BIG_ENDIAN);
        long s = 1L << 56;
        assertEquals(new ChecksumValue(4 * s, 6 * s, 5 * s, 8 * s),
                Checksums.compute(ChecksumType.FLETCHER_2, block, ByteOrder.BIG_ENDIAN, null));
    }

    @Test
    void computingLeavesTheBufferWhereItWas() throws ChecksumException {
        ByteBuffer block = bytes(9, 9, 9, 9, 1, 0, 0, 0, 2, 0, 0, 0);
        block.position(4);
        assertEquals(new ChecksumValue(3, 4, 5, 6),
                Checksums.compute(ChecksumType.FLETCHER_4, block, ByteOrder.LITTLE_ENDIAN, null));
        assertEquals(4, block.position());
        assertEquals(ByteOrder.BIG_ENDIAN, block.order());
    }

    @Test
    void anyBufferOverTheSameBytesSumsAlike() throws ChecksumException {
        // the sums read the block's array directly when it has one; a slice into a larger array
        // (arrayOffset), a read-only view and a direct buffer hold the same block and must agree
        byte[] block = new byte[1024];
        new java.util.Random(7).nextBytes(block);
        byte[] padded = new byte[block.length + 24];
        System.arraycopy(block, 0, padded, 8, block.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(block.length).put(block).flip();
        for (ChecksumType type : new ChecksumType[] {ChecksumType.FLETCHER_2, ChecksumType.FLETCHER_4}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                ChecksumValue expected = Checksums.compute(type, ByteBuffer.wrap(block), order, null);
                assertEquals(expected, Checksums.compute(type, ByteBuffer.wrap(padded, 8, block.length).slice(), order, null));
                assertEquals(expected, Checksums.compute(type, ByteBuffer.wrap(block).asReadOnlyBuffer(), order, null));
                assertEquals(expected, Checksums.compute(type, direct, order, null));
            }
        }
        assertEquals(0, direct.position());
    }
}
