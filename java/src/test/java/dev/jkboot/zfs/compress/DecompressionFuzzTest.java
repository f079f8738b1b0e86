package dev.jkboot.zfs.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged streams of every codec, seeded and so reproducible: bits flipped, bytes
 * set to extremes, streams cut short or lengthened, and targets of the wrong size. Each must
 * decode or fail with a CompressionException; anything else fails the test with the round.
 * The seed streams come from small valid encoders written here (random literal and match
 * sequences, not real compressors), checked to decode before they are damaged.
 */
class DecompressionFuzzTest {
    private static final long SEED = 0x7a66736a6b62L;
    private static final int ROUNDS = 20_000;

    private record Sample(CompressionType type, byte[] stream, byte[] data) {}

    @Test
    void damagedStreamsDecodeOrFailWithCompressionExceptionOnly() throws Exception {
        Random random = new Random(SEED);
        List<Sample> samples = List.of(lzjb(random, 3000), lzjb(random, 512), lz4(random, 4000), lz4(random, 300),
                zle(random, 2048), gzip(random, 5000));
        for (Sample sample : samples) {
            byte[] out = new byte[sample.data().length];
            Decompression.decompress(sample.type(), ByteBuffer.wrap(sample.stream()), out);
            assertArrayEquals(sample.data(), out, "seed stream " + sample.type());
        }
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Sample sample = samples.get(round % samples.size());
            byte[] stream = damage(sample.stream(), random);
            int size = random.nextInt(4) == 0 ? random.nextInt(sample.data().length * 2 + 1) : sample.data().length;
            try {
                Decompression.decompress(sample.type(), ByteBuffer.wrap(stream), new byte[size]);
                decoded++;
            } catch (CompressionException e) {
                refused++;
            } catch (Throwable t) {
                fail("round %d of seed 0x%x (%s) threw %s".formatted(round, SEED, sample.type(), t), t);
            }
        }
        assertTrue(decoded > ROUNDS / 50 && refused > ROUNDS / 5, decoded + " decoded, " + refused + " refused");
    }

    private static byte[] damage(byte[] stream, Random random) {
        byte[] out = stream.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) 0xff;
                case 2 -> out[at] = 0;
                case 3 -> out = Arrays.copyOf(out, at);
                case 4 -> out = Arrays.copyOf(out, out.length + random.nextInt(64));
                default -> out[at] = (byte) random.nextInt();
            }
        }
        return out;
    }

    /** lzjb: copy maps of eight items, literals or matches (length 3..66, offset 1..1023). */
    private static Sample lzjb(Random random, int size) {
        byte[] data = new byte[size];
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int out = 0;
        while (out < size) {
            int mapAt = stream.size();
            stream.write(0);
            int map = 0;
            for (int bit = 0; bit < 8 && out < size; bit++) {
                int length = 3 + random.nextInt(64);
                if (out > 0 && random.nextBoolean() && length <= size - out) {
                    int offset = 1 + random.nextInt(Math.min(out, 1023));
                    map |= 1 << bit;
                    stream.write(((length - 3) << 2) | (offset >> 8));
                    stream.write(offset & 0xff);
                    for (int i = 0; i < length; i++, out++) {
                        data[out] = data[out - offset];
                    }
                } else {
                    data[out] = (byte) random.nextInt(16);
                    stream.write(data[out++]);
                }
            }
            byte[] bytes = stream.toByteArray();
            bytes[mapAt] = (byte) map;
            stream.reset();
            stream.writeBytes(bytes);
        }
        return new Sample(CompressionType.LZJB, stream.toByteArray(), data);
    }

    /** lz4: sequences of up to 20 literals and a match of 4..300 at offset 1..out, then the last literals. */
    private static Sample lz4(Random random, int size) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            int literals = 1 + random.nextInt(20);
            int match = 4 + random.nextInt(297);
            boolean last = data.size() + literals + match + 5 > size;
            if (last) {
                literals = size - data.size();
            }
            block.write(Math.min(literals, 15) << 4 | (last ? 0 : Math.min(match - 4, 15)));
            extension(block, literals);
            for (int i = 0; i < literals; i++) {
                int b = random.nextInt(16);
                block.write(b);
                data.write(b);
            }
            if (last) {
                break;
            }
            int offset = 1 + random.nextInt(Math.min(data.size(), 65535));
            block.write(offset & 0xff);
            block.write(offset >> 8);
            extension(block, match - 4);
            byte[] sofar = data.toByteArray();
            for (int i = 0; i < match; i++) {
                int b = i < offset ? sofar[sofar.length - offset + i] : data.toByteArray()[data.size() - offset];
                data.write(b);
            }
        }
        byte[] body = block.toByteArray();
        ByteBuffer framed = ByteBuffer.allocate(4 + body.length + 16).putInt(body.length).put(body);
        return new Sample(CompressionType.LZ4, framed.array(), data.toByteArray());
    }

    private static void extension(ByteArrayOutputStream block, int length) {
        if (length >= 15) {
            int rest = length - 15;
            while (rest >= 255) {
                block.write(255);
                rest -= 255;
            }
            block.write(rest);
        }
    }

    /** zle: literal runs of 1..64 and zero runs of 1..192. */
    private static Sample zle(Random random, int size) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] data = new byte[size];
        int out = 0;
        while (out < size) {
            if (random.nextBoolean()) {
                int run = Math.min(1 + random.nextInt(64), size - out);
                stream.write(run - 1);
                for (int i = 0; i < run; i++) {
                    data[out] = (byte) (1 + random.nextInt(255));
                    stream.write(data[out++]);
                }
            } else {
                int run = Math.min(1 + random.nextInt(192), size - out);
                stream.write(run + 63);
                out += run;
            }
        }
        return new Sample(CompressionType.ZLE, stream.toByteArray(), data);
    }

    private static Sample gzip(Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(8) : 0);
        }
        return new Sample(CompressionType.GZIP_6, GzipTest.zlib(data, 6), data);
    }
}
