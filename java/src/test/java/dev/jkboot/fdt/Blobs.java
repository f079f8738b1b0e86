package dev.jkboot.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/** Hand-made version-17 blobs, word by word, for trees no writer would make. */
final class Blobs {
    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int NOP = 4;
    static final int END = 9;
    /** Where {@link #blob} puts the structure block: after the header and an empty reservation block. */
    static final int STRUCT = 56;

    private Blobs() {}

    /** Header, empty reservation block at 40, {@code struct} at 56, then {@code strings}. */
    static byte[] blob(String strings, int... struct) {
        byte[] s = strings.getBytes(StandardCharsets.ISO_8859_1);
        int total = STRUCT + 4 * struct.length + s.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xd00dfeed).putInt(total).putInt(STRUCT).putInt(STRUCT + 4 * struct.length).putInt(40)
                .putInt(17).putInt(16).putInt(0).putInt(s.length).putInt(4 * struct.length);
        b.position(STRUCT);
        for (int w : struct) {
            b.putInt(w);
        }
        b.put(s);
        return b.array();
    }

    /** A node name as structure-block words: the bytes, a NUL, zero padding. */
    static int[] name(String name) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(FdtFormat.align4(n.length + 1)).put(n);
        b.flip().limit(b.capacity());
        int[] words = new int[b.capacity() / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.getInt();
        }
        return words;
    }

    /** Concatenates words and word arrays into one structure block. */
    static int[] words(Object... parts) {
        return Arrays.stream(parts)
                .flatMapToInt(p -> p instanceof int[] a ? Arrays.stream(a)
                        : IntStream.of((Integer) p))
                .toArray();
    }

    /** {@code blob} with the big-endian word at {@code offset} replaced. */
    static byte[] with(byte[] blob, int offset, int value) {
        byte[] copy = blob.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }
}
