package dev.jkboot.zfs.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** gzip-N blocks: zlib streams from java.util.zip.Deflater at each level, padded as ZFS pads them. */
class GzipTest {

    static byte[] zlib(byte[] data, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length * 2 + 64];
        int length = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, length);
    }

    static byte[] text(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ("loader.conf kern.geom " + (i / 97))
                    .charAt(i % 20);
        }
        return data;
    }

    @Test
    void everyLevelDecodesWithItsPadding() throws CompressionException {
        byte[] data = text(16384);
        for (int level = 1; level <= 9; level++) {
            byte[] stream = zlib(data, level);
            byte[] padded = Arrays.copyOf(stream, (stream.length + 511) / 512 * 512);
            byte[] out = new byte[data.length];
            Decompression.decompress(CompressionType.fromId(4 + level), ByteBuffer.wrap(padded), out);
            assertArrayEquals(data, out, "gzip-" + level);
        }
    }

    @Test
    void aStreamMustDecodeToExactlyTheLogicalSize() {
        byte[] data = text(4096);
        ByteBuffer stream = ByteBuffer.wrap(zlib(data, 6));
        String message = assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.GZIP_6, stream, new byte[4095])).getMessage();
        assertTrue(message.contains("more than 4095"), message);
        message = assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.GZIP_6, stream, new byte[4097])).getMessage();
        assertTrue(message.contains("4096 bytes, not the block's 4097"), message);
    }

    @Test
    void aTruncatedOrDamagedStreamIsRefused() {
        byte[] stream = zlib(text(4096), 9);
        String message = assertThrows(CompressionException.class, () -> Decompression.decompress(CompressionType.GZIP_9,
                ByteBuffer.wrap(Arrays.copyOf(stream, stream.length / 2)), new byte[4096])).getMessage();
        assertTrue(message.contains("ends after"), message);
        byte[] badHeader = stream.clone();
        badHeader[0] = 0x12;
        assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.GZIP_9, ByteBuffer.wrap(badHeader), new byte[4096]));
        byte[] badAdler = stream.clone();
        badAdler[badAdler.length - 1] ^= 1;
        assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.GZIP_9, ByteBuffer.wrap(badAdler), new byte[4096]));
    }
}
