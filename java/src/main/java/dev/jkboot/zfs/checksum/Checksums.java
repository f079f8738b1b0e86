package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Computes and verifies block checksums. The byte order is the block's (a block pointer's
 * BYTEORDER bit): fletcher sums read the block's words in that order, as the host that wrote it
 * did, so that the result compares with the block pointer's words as decoded
 * (sys/contrib/openzfs/module/zfs/zio_checksum.c, zio_checksum_table).
 */
public final class Checksums {
    private static final String DAMAGED_FIX =
            "the block is damaged: a pool with redundancy (mirror, raidz, copies>1) recovers from it; scrub the pool from FreeBSD";

    private Checksums() {}

    /**
     * The checksum of {@code type} over the remaining bytes of {@code block}, which is not moved.
     * {@code off} is all zeros, as in FreeBSD's loader; the embedded ones (label, gang_header,
     * zilog, zilog2) are their plain functions here, over the bytes as they are.
     *
     * @param salt the pool's salt, the key of skein and blake3 (their words in the block's byte
     *     order, as skein_zfs.c and blake3_zfs.c write them); may be null for the others
     * @throws ChecksumException if jkboot cannot compute {@code type}, or no block is written with it
     */
    public static ChecksumValue compute(ChecksumType type, ByteBuffer block, ByteOrder order, ChecksumSalt salt)
            throws ChecksumException {
        return switch (type) {
            case OFF -> new ChecksumValue(0, 0, 0, 0);
            case FLETCHER_2, ZILOG -> Fletcher.fletcher2(block, order);
            case FLETCHER_4, ZILOG2 -> Fletcher.fletcher4(block, order);
            case SHA256, LABEL, GANG_HEADER -> ShaChecksum.sha256(block);
            case SHA512 -> ShaChecksum.sha512(block, order);
            case INHERIT, ON, NOPARITY -> throw new ChecksumException(
                    "a block names the ZFS checksum '" + type.zfsName() + "', which no block is written with",
                    "the block pointer is damaged");
            case BLAKE3 -> ChecksumValue.ofDigest(Blake3.keyedHash(requireSalt(type, salt), block), order);
            case SKEIN -> ChecksumValue.ofDigest(Skein.mac(requireSalt(type, salt), block, 256), order);
            case EDONR -> throw refusal(type);
        };
    }

    /**
     * A check that a block's bytes have {@code expected} as their {@code type} checksum. For the
     * embedded checksums (label, gang_header) {@code expected} is the verifier and
     * {@link EmbeddedChecksum} does the check; {@code order} is then read from the block's magic.
     * Refuses a checksum jkboot cannot compute now, before anything is read, so that no
     * redundant copy is read for nothing.
     *
     * @throws ChecksumException if jkboot cannot compute {@code type}, or no block is written with it
     */
    public static BlockCheck verifier(ChecksumType type, ByteOrder order, ChecksumSalt salt, ChecksumValue expected)
            throws ChecksumException {
        if (type == ChecksumType.LABEL || type == ChecksumType.GANG_HEADER) {
            return block -> EmbeddedChecksum.verify(type, block, expected);
        }
        compute(type, ByteBuffer.allocate(0), order, salt);
        return block -> {
            ChecksumValue actual = compute(type, block, order, salt);
            if (!actual.equals(expected)) {
                throw mismatch(type, expected, actual);
            }
        };
    }

    private static byte[] requireSalt(ChecksumType type, ChecksumSalt salt) throws ChecksumException {
        if (salt == null) {
            throw new ChecksumException("a block uses the salted ZFS checksum " + type.zfsName()
                    + " but the pool has no checksum salt", "the pool's object directory is damaged");
        }
        return salt.bytes();
    }

    static ChecksumException mismatch(ChecksumType type, ChecksumValue expected, ChecksumValue actual) {
        return new ChecksumException("ZFS " + type.zfsName() + " checksum mismatch: expected " + expected
                + ", computed " + actual, DAMAGED_FIX);
    }

    static ChecksumException refusal(ChecksumType type) {
        return new ChecksumException("jkboot cannot verify the ZFS checksum " + type.zfsName(),
                "boot this pool with FreeBSD's loader, or rewrite the dataset with checksum=sha256 or fletcher4");
    }
}
