package dev.jkboot.zfs.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lz4 blocks written by Debian's {@code lz4} tool, an encoder nobody here wrote: its frame is
 * taken apart (lz4's doc/lz4_Frame_format.md) and its one block given ZFS's 4-byte big-endian
 * length prefix and some sector padding, as lz4_compress_zfs lays it out.
 */
class Lz4ToolTest {
    @TempDir
    Path dir;

    /** The lz4 tool's one compressed block for {@code data} (at most 64 KiB), or null if it stored the data as it is. */
    private byte[] toolBlock(byte[] data, String level) throws IOException, InterruptedException {
        Path lz4 = RequiredTool.require("lz4");
        Path input = dir.resolve("in");
        Files.write(input, data);
        Process process = new ProcessBuilder(lz4.toString(), "-q", "-c", level, "-B4", "-BI", "--no-frame-crc",
                input.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] frame = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor());
        ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x184d2204, in.getInt(), "lz4 frame magic");
        int flags = in.get() & 0xff;
        in.get(); // BD: the 64 KiB block size asked for
        assertEquals(0, flags & 0x1d, "no content size, checksums or dictionary asked for");
        in.get(); // header checksum
        int blockSize = in.getInt();
        if (blockSize < 0) {
            return null;
        }
        byte[] block = Arrays.copyOfRange(frame, in.position(), in.position() + blockSize);
        assertEquals(0, ByteBuffer.wrap(frame, in.position() + blockSize, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(),
                "one block, then the end mark");
        return block;
    }

    private static ByteBuffer zfsFramed(byte[] block, int padding) {
        ByteBuffer framed = ByteBuffer.allocate(4 + block.length + padding);
        framed.putInt(block.length).put(block);
        return framed.flip().limit(framed.capacity());
    }

    private static byte[] samples(int which, int size) {
        byte[] data = new byte[size];
        Random random = new Random(which);
        for (int i = 0; i < size; i++) {
            data[i] = switch (which % 4) {
                case 0 -> (byte) "kernel module text ".charAt(i % 19);
                case 1 -> (byte) (random.nextInt(4) == 0 ? random.nextInt() : 0);
                case 2 -> (byte) (i / 300);
                default -> (byte) (random.nextInt(10) < 7 ? data[Math.max(0, i - 1 - random.nextInt(100))] : random.nextInt());
            };
        }
        return data;
    }

    @Test
    void decodesWhatTheLz4ToolWrote() throws Exception {
        int[] sizes = {512, 4096, 20_000, 65_536};
        int decoded = 0;
        for (int which = 0; which < 8; which++) {
            for (int size : sizes) {
                byte[] data = samples(which, size);
                for (String level : new String[] {"-1", "-9"}) {
                    byte[] block = toolBlock(data, level);
                    if (block == null) {
                        continue;
                    }
                    byte[] out = new byte[size];
                    Decompression.decompress(CompressionType.LZ4, zfsFramed(block, 512 - (block.length + 4) % 512), out);
                    assertArrayEquals(data, out, "sample " + which + " of " + size + " bytes at lz4 " + level);
                    decoded++;
                }
            }
        }
        assertTrue(decoded >= 48, "the tool compressed " + decoded + " of the 64 samples");
    }

    @Test
    void theStatedLengthMustHoldTheWholeBlockAndNoMore() throws Exception {
        byte[] data = samples(0, 4096);
        byte[] block = toolBlock(data, "-9");
        ByteBuffer tooLong = zfsFramed(block, 0);
        tooLong.putInt(0, block.length + 1);
        String message = assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.LZ4, tooLong, new byte[4096])).getMessage();
        assertTrue(message.contains("exceeds"), message);
        ByteBuffer trailing = zfsFramed(Arrays.copyOf(block, block.length + 3), 0);
        message = assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.LZ4, trailing, new byte[4096])).getMessage();
        assertTrue(message.contains("runs past") || message.contains("refers"), message);
        ByteBuffer truncated = zfsFramed(Arrays.copyOf(block, block.length - 1), 0);
        assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.LZ4, truncated, new byte[4096]));
    }

    @Test
    void theOutputMustBeExactlyTheLogicalSize() throws Exception {
        byte[] data = samples(2, 4096);
        byte[] block = toolBlock(data, "-1");
        String message = assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.LZ4, zfsFramed(block, 0), new byte[4097])).getMessage();
        assertTrue(message.contains("decodes to 4096 bytes, not the block's 4097"), message);
        assertThrows(CompressionException.class,
                () -> Decompression.decompress(CompressionType.LZ4, zfsFramed(block, 0), new byte[4095]));
    }
}
