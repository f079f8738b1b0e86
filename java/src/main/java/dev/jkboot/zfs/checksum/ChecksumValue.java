package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A 256-bit ZFS checksum, {@code zio_cksum_t}: four 64-bit words, as a block pointer stores them
 * (sys/contrib/openzfs/include/sys/spa.h).
 */
public record ChecksumValue(long word0, long word1, long word2, long word3) {

    /** The verifier of a label block at {@code offset} bytes into its device ({@code zio_checksum_label_verifier}). */
    public static ChecksumValue labelVerifier(long offset) {
        return new ChecksumValue(offset, 0, 0, 0);
    }

    /**
     * The verifier of a gang header ({@code zio_checksum_gang_verifier}): the vdev and offset of
     * the block pointer's first DVA, and its birth txg.
     */
    public static ChecksumValue gangVerifier(long vdev, long offset, long birth) {
        return new ChecksumValue(vdev, offset, birth, 0);
    }

    /** The first 32 bytes of a digest as four words in {@code order}. */
    static ChecksumValue ofDigest(byte[] digest, ByteOrder order) {
        ByteBuffer words = ByteBuffer.wrap(digest).order(order);
        return new ChecksumValue(words.getLong(0), words.getLong(8), words.getLong(16), words.getLong(24));
    }

    // equals and hashCode written out: the record's own link through ObjectMethods at their first
    // call, a cost of every ZFS boot under emulation (docs/measurements.md, "start-up").
    @Override
    public boolean equals(Object o) {
        return o instanceof ChecksumValue v && v.word0 == word0 && v.word1 == word1 && v.word2 == word2
                && v.word3 == word3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(((word0 * 31 + word1) * 31 + word2) * 31 + word3);
    }

    @Override
    public String toString() {
        return "%016x:%016x:%016x:%016x".formatted(word0, word1, word2, word3);
    }
}
