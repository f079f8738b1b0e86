package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A ZFS block pointer ({@code blkptr_t}, 128 bytes; sys/contrib/openzfs/include/sys/spa.h): up to
 * three copies (DVAs) of one block, its logical and physical sizes, compression, checksum, type,
 * level, byte order, birth txg and checksum; or, when the EMBEDDED bit is set, up to 112 bytes of
 * the block's data in the pointer itself. Only decoded here; {@link BlockReader} reads it.
 *
 * @param words the sixteen little-endian 64-bit words as stored (the embedded payload lives in them)
 */
public record BlockPointer(long[] words) {
    public static final int SIZE = 128;
    /** BPE_PAYLOAD_SIZE: words 0-5, 7-9 and 11-15. */
    static final int EMBEDDED_PAYLOAD = 112;

    /** One copy: the top-level vdev it is on, its offset there, its allocated size, the gang bit. */
    public record Dva(long vdev, long offset, long asize, boolean gang) {
        /** Whether the copy exists ({@code DVA_IS_VALID}: a nonzero allocated size). */
        public boolean valid() {
            return asize != 0;
        }
    }

    /** The block pointer at {@code offset} in {@code bytes} (little-endian, as every pool jkboot reads). */
    public static BlockPointer parse(byte[] bytes, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long[] w = new long[16];
        for (int i = 0; i < 16; i++) {
            w[i] = b.getLong(offset + i * 8);
        }
        return new BlockPointer(w);
    }

    public List<Dva> dvas() {
        return List.of(dva(0), dva(1), dva(2));
    }

    Dva dva(int i) {
        long w0 = words[2 * i];
        long w1 = words[2 * i + 1];
        return new Dva(w0 >>> 32, (w1 & 0x7fff_ffff_ffff_ffffL) << 9, (w0 & 0xff_ffffL) << 9, w1 < 0);
    }

    private long prop() {
        return words[6];
    }

    public boolean embedded() {
        return (prop() >>> 39 & 1) != 0;
    }

    /** A block that was never written: reads as {@link #logicalSize()} zeros ({@code BP_IS_HOLE}). */
    public boolean hole() {
        return !embedded() && words[0] == 0 && words[1] == 0;
    }

    public int logicalSize() {
        return embedded() ? (int) (prop() & 0x1ff_ffff) + 1 : (int) ((prop() & 0xffff) + 1) << 9;
    }

    public int physicalSize() {
        return embedded() ? (int) (prop() >>> 25 & 0x7f) + 1 : (int) ((prop() >>> 16 & 0xffff) + 1) << 9;
    }

    public int compression() {
        return (int) (prop() >>> 32 & 0x7f);
    }

    /** The checksum function; for an embedded pointer this field holds the embedded type instead. */
    public int checksum() {
        return (int) (prop() >>> 40 & 0xff);
    }

    /** {@code BPE_GET_ETYPE}: 0 is data, the only kind a read needs. */
    public int embeddedType() {
        return checksum();
    }

    public int type() {
        return (int) (prop() >>> 48 & 0xff);
    }

    public int level() {
        return (int) (prop() >>> 56 & 0x1f);
    }

    /** The byte order of the block's contents: bit 63 set means little-endian. */
    public ByteOrder byteOrder() {
        return prop() < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    public long birth() {
        return words[10];
    }

    public long fill() {
        return words[11];
    }

    public dev.jkboot.zfs.checksum.ChecksumValue checksumValue() {
        return new dev.jkboot.zfs.checksum.ChecksumValue(words[12], words[13], words[14], words[15]);
    }

    /** The embedded data: the payload words in order, little-endian, cut to the physical size. */
    byte[] embeddedPayload() {
        ByteBuffer out = ByteBuffer.allocate(EMBEDDED_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            if (i != 6 && i != 10) {
                out.putLong(words[i]);
            }
        }
        return java.util.Arrays.copyOf(out.array(), Math.min(physicalSize(), EMBEDDED_PAYLOAD));
    }

    @Override
    public String toString() {
        if (embedded()) {
            return "embedded bp (lsize %d, psize %d)".formatted(logicalSize(), physicalSize());
        }
        Dva d = dva(0);
        return "bp %d:%x:%x (lsize %d, psize %d, level %d, type %d, birth %d)"
                .formatted(d.vdev(), d.offset(), d.asize(), logicalSize(), physicalSize(), level(), type(), birth());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockPointer bp && java.util.Arrays.equals(words, bp.words);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(words);
    }
}
