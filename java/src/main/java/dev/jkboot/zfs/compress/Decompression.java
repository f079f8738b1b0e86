package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;

/**
 * Decodes a block's physical bytes into its logical bytes, by the block pointer's compression
 * (zio_decompress_data in sys/cddl/boot/zfs/zfssubr.c).
 */
public final class Decompression {
    static final String DAMAGED_FIX =
            "the block is damaged although its checksum held, or was written by a broken compressor: scrub the pool from FreeBSD";

    private Decompression() {}

    /**
     * Decodes the remaining bytes of {@code source} (the block's physical size; the source is not
     * moved) into all of {@code target} (the block's logical size). {@link CompressionType#OFF}
     * copies, and needs the sizes equal.
     *
     * @throws CompressionException if the stream is damaged, does not fill {@code target} exactly,
     *     or uses a compression jkboot does not decode
     */
    public static void decompress(CompressionType type, ByteBuffer source, byte[] target) throws CompressionException {
        ByteBuffer bytes = source.duplicate();
        switch (type) {
            case OFF -> copy(bytes, target);
            case LZJB -> Lzjb.decompress(bytes, target);
            case GZIP_1, GZIP_2, GZIP_3, GZIP_4, GZIP_5, GZIP_6, GZIP_7, GZIP_8, GZIP_9 -> Gzip.decompress(bytes, target);
            case ZLE -> Zle.decompress(bytes, target);
            case LZ4 -> Lz4.decompress(bytes, target);
            case INHERIT, ON, EMPTY -> throw new CompressionException(
                    "a block names the ZFS compression '" + type.zfsName() + "', which no block is written with",
                    "the block pointer is damaged");
            case ZSTD -> throw new CompressionException(
                    "jkboot cannot decompress ZFS blocks compressed with " + type.zfsName(),
                    "boot this pool with FreeBSD's loader, or rewrite the files with compression=lz4");
        }
    }

    private static void copy(ByteBuffer source, byte[] target) throws CompressionException {
        if (source.remaining() != target.length) {
            throw corrupt("uncompressed", "its physical size " + source.remaining()
                    + " differs from its logical size " + target.length);
        }
        source.get(target);
    }

    static CompressionException corrupt(String codec, String what) {
        return new CompressionException("a ZFS " + codec + " block is corrupt: " + what, DAMAGED_FIX);
    }

    static CompressionException truncated(String codec, int produced) {
        return corrupt(codec, "the stream ends after " + produced + " bytes of output");
    }

    static CompressionException shortOutput(String codec, int produced, int expected) {
        return corrupt(codec, "the stream decodes to " + produced + " bytes, not the block's " + expected);
    }
}
