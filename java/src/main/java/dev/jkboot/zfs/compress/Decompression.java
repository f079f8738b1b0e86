package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;

/** Decodes a block's physical bytes into its logical bytes, by the block pointer's compression. */
public final class Decompression {
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
        throw refusal(type);
    }

    static CompressionException refusal(CompressionType type) {
        return new CompressionException("jkboot cannot decompress ZFS blocks compressed with " + type.zfsName(),
                "boot this pool with FreeBSD's loader, or rewrite the files with compression=lz4");
    }
}
