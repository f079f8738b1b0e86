package dev.jkboot.zfs.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * lzjb, zle and lz4 streams written out byte by byte from the formats (lzjb.c, zle.c, lz4's
 * block format), the good ones and the damaged ones.
 */
class HandVectorsTest {

    private static ByteBuffer bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(out);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] decode(CompressionType type, ByteBuffer source, int size) throws CompressionException {
        byte[] out = new byte[size];
        Decompression.decompress(type, source, out);
        return out;
    }

    private static String refused(CompressionType type, ByteBuffer source, int size) {
        return assertThrows(CompressionException.class, () -> decode(type, source, size)).getMessage();
    }

    @Test
    void lzjbLiteralsThenAnOverlappingMatch() throws CompressionException {
        // copy map 0x08: items 0-2 literal, item 3 a match; match 0x18 0x03: length (0x18 >> 2) + 3 = 9, offset 3
        ByteBuffer stream = bytes(0x08, 'a', 'b', 'c', 0x18, 0x03, 0xee, 0xee);
        assertArrayEquals(ascii("abcabcabcabc"), decode(CompressionType.LZJB, stream, 12));
    }

    @Test
    void lzjbReadsANewCopyMapEveryEightItems() throws CompressionException {
        // map 0x00: eight literals; map 0x01: a match (length 3, offset 8: 0x00 0x08), then a literal
        ByteBuffer stream = bytes(0x00, '0', '1', '2', '3', '4', '5', '6', '7', 0x01, 0x00, 0x08, 'x');
        assertArrayEquals(ascii("01234567012x"), decode(CompressionType.LZJB, stream, 12));
    }

    @Test
    void lzjbReadsOnlyTheBuffersWindowOfWhateverBacksIt() throws CompressionException {
        // lzjb reads the backing array directly: the window (array offset, position, limit) must
        // bound it, and read-only and direct buffers must decode alike
        byte[] framed = {'z', 'z', 0x08, 'a', 'b', 'c', 0x18, 0x03, 'z'};
        ByteBuffer window = ByteBuffer.wrap(framed, 1, 7).slice().position(1);
        assertArrayEquals(ascii("abcabcabcabc"), decode(CompressionType.LZJB, window, 12));
        assertArrayEquals(ascii("abcabcabcabc"), decode(CompressionType.LZJB, window.asReadOnlyBuffer(), 12));
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put(framed, 2, 6).flip();
        assertArrayEquals(ascii("abcabcabcabc"), decode(CompressionType.LZJB, direct, 12));
        // the match's second byte lies past the limit, though not past the array
        assertTrue(refused(CompressionType.LZJB, ByteBuffer.wrap(framed, 2, 5), 12).contains("ends after 3 bytes"));
    }

    @Test
    void lzjbDamage() {
        // offset 0 (the compressor never writes it: it would copy unwritten bytes)
        assertTrue(refused(CompressionType.LZJB, bytes(0x02, 'a', 0x00, 0x00), 4).contains("refers 0 bytes back"));
        // offset 2 from byte 1
        assertTrue(refused(CompressionType.LZJB, bytes(0x02, 'a', 0x00, 0x02), 4).contains("refers 2 bytes back"));
        // match of 3 where 2 bytes are left
        assertTrue(refused(CompressionType.LZJB, bytes(0x02, 'a', 0x00, 0x01), 3).contains("runs past"));
        // the stream ends after two literals of four
        assertTrue(refused(CompressionType.LZJB, bytes(0x00, 'a', 'b'), 4).contains("ends after 2 bytes"));
        // a match cut in half
        assertTrue(refused(CompressionType.LZJB, bytes(0x02, 'a', 0x00), 4).contains("ends after 1 bytes"));
    }

    @Test
    void zleLiteralRunsAndZeroRuns() throws CompressionException {
        // 0x02: 3 literals; 0x44 = 68: 69 - 64 = 5 zeros; 0x00: one literal; padding after
        ByteBuffer stream = bytes(0x02, 'a', 'b', 'c', 0x44, 0x00, 'z', 0x55, 0x55);
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 0, 0, 0, 'z'}, decode(CompressionType.ZLE, stream, 9));
        // 0x3f = 63: the longest literal run, 64 bytes; 0xff: the longest zero run, 192
        ByteBuffer longest = ByteBuffer.allocate(66);
        longest.put((byte) 0x3f).put(new byte[64]).put((byte) 0xff).flip();
        assertArrayEquals(new byte[256], decode(CompressionType.ZLE, longest, 256));
    }

    @Test
    void zleDamage() {
        assertTrue(refused(CompressionType.ZLE, bytes(0x44), 4).contains("runs past"));
        assertTrue(refused(CompressionType.ZLE, bytes(0x03, 'a', 'b', 'c', 'd'), 3).contains("runs past"));
        assertTrue(refused(CompressionType.ZLE, bytes(0x03, 'a', 'b'), 4).contains("ends after 0 bytes"));
        assertTrue(refused(CompressionType.ZLE, bytes(0x00, 'a'), 2).contains("ends after 1 bytes"));
    }

    @Test
    void lz4SequencesWithExtendedLengths() throws CompressionException {
        // length 8; token 0x30: 3 literals and a match of 0 + 4 at offset 3; token 0x10: the last literal
        ByteBuffer stream = bytes(0, 0, 0, 8, 0x30, 'a', 'b', 'c', 0x03, 0x00, 0x10, 'z');
        assertArrayEquals(ascii("abcabcaz"), decode(CompressionType.LZ4, stream, 8));
        // token 0x1f: 1 literal, match nibble 15 + 255 + 2 = 272, + 4 = 276 copies at offset 1
        ByteBuffer longMatch = bytes(0, 0, 0, 8, 0x1f, 'q', 0x01, 0x00, 0xff, 0x02, 0x10, '!');
        byte[] expected = new byte[278];
        java.util.Arrays.fill(expected, (byte) 'q');
        expected[277] = '!';
        assertArrayEquals(expected, decode(CompressionType.LZ4, longMatch, 278));
    }

    @Test
    void lz4Damage() {
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0), 1).contains("ends after 0 bytes"));
        assertTrue(refused(CompressionType.LZ4, bytes(0xff, 0xff, 0xff, 0xff, 0x10, 'a'), 1).contains("exceeds"));
        // offset 0
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 6, 0x10, 'a', 0x00, 0x00, 0x00, 0x00), 10)
                .contains("refers 0 bytes back"));
        // offset 2 from byte 1
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 6, 0x10, 'a', 0x02, 0x00, 0x10, 'b'), 10)
                .contains("refers 2 bytes back"));
        // a literal length whose extension bytes never end
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 3, 0xf0, 0xff, 0xff), 1000).contains("ends after 0 bytes"));
        // a literal length larger than the block
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 3, 0xf0, 0xff, 0x00), 100).contains("exceeds the block's size"));
        // literals past the stated length
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 2, 0x30, 'a', 'b', 'c'), 3).contains("ends after 0 bytes"));
        // a match offset cut off by the stated length
        assertTrue(refused(CompressionType.LZ4, bytes(0, 0, 0, 3, 0x10, 'a', 0x01), 8).contains("ends after 1 bytes"));
    }

    @Test
    void offCopiesAndNeedsEqualSizes() throws CompressionException {
        assertArrayEquals(ascii("raw"), decode(CompressionType.OFF, ByteBuffer.wrap(ascii("raw")), 3));
        assertTrue(refused(CompressionType.OFF, ByteBuffer.wrap(ascii("raw")), 4).contains("differs"));
    }

    @Test
    void unsupportedAndImpossibleCompressionsAreRefusedByName() {
        assertTrue(refused(CompressionType.ZSTD, bytes(1, 2, 3), 3)
                .startsWith("jkboot cannot decompress ZFS blocks compressed with zstd"));
        for (CompressionType type : new CompressionType[] {CompressionType.INHERIT, CompressionType.ON, CompressionType.EMPTY}) {
            assertTrue(refused(type, bytes(1), 1).contains("'" + type.zfsName() + "'"));
        }
    }

    @Test
    void idsAreZfsOnDiskIds() throws CompressionException {
        String[] names = {"inherit", "on", "off", "lzjb", "empty", "gzip-1", "gzip-2", "gzip-3", "gzip-4", "gzip-5",
            "gzip-6", "gzip-7", "gzip-8", "gzip-9", "zle", "lz4", "zstd"};
        for (int id = 0; id < names.length; id++) {
            CompressionType type = CompressionType.fromId(id);
            assertTrue(type.id() == id && type.zfsName().equals(names[id]), names[id]);
        }
        assertThrows(CompressionException.class, () -> CompressionType.fromId(17));
        assertThrows(CompressionException.class, () -> CompressionType.fromId(-1));
    }

    @Test
    void theSourceIsNotMoved() throws CompressionException {
        ByteBuffer stream = bytes(0x02, 'a', 'b', 'c');
        decode(CompressionType.ZLE, stream, 3);
        assertTrue(stream.position() == 0 && stream.limit() == 4);
    }
}
