package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Computes and verifies block checksums. The byte order is the block's (a block pointer's
 * BYTEORDER bit): fletcher sums read the block's words in that order, as the host that wrote it
 * did; the SHA checksums are byte streams and ignore it (sys/contrib/openzfs/module/zfs/zio_checksum.c).
 */
public final class Checksums {
    private Checksums() {}

    /**
     * The checksum of {@code type} over the remaining bytes of {@code block}, which is not moved.
     *
     * @param salt the pool's salt; needed only by the salted checksums, may be null otherwise
     * @throws ChecksumException if jkboot cannot compute {@code type}
     */
    public static ChecksumValue compute(ChecksumType type, ByteBuffer block, ByteOrder order, ChecksumSalt salt)
            throws ChecksumException {
        throw refusal(type);
    }

    /**
     * A check that a block's bytes have {@code expected} as their {@code type} checksum. Refuses
     * a checksum jkboot cannot compute now, before anything is read, so that no redundant copy is
     * read for nothing.
     *
     * @throws ChecksumException if jkboot cannot compute {@code type}
     */
    public static BlockCheck verifier(ChecksumType type, ByteOrder order, ChecksumSalt salt, ChecksumValue expected)
            throws ChecksumException {
        throw refusal(type);
    }

    static ChecksumException refusal(ChecksumType type) {
        return new ChecksumException("jkboot cannot verify the ZFS checksum " + type.zfsName(),
                "boot this pool with FreeBSD's loader, or rewrite the dataset with checksum=sha256 or fletcher4");
    }
}
