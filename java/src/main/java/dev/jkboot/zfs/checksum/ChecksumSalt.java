package dev.jkboot.zfs.checksum;

import java.util.Arrays;

/**
 * The pool's 32-byte checksum salt, the MOS object directory's {@code com.delphix:checksum_salt}
 * entry (DMU_POOL_CHECKSUM_SALT): the key of the salted checksums (skein, edonr, blake3). A pool
 * without it has no block that uses them.
 */
public final class ChecksumSalt {
    /** {@code sizeof (zio_cksum_salt_t)}. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private ChecksumSalt(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The salt from the object directory entry's bytes.
     *
     * @throws ChecksumException if the entry is not 32 bytes long
     */
    public static ChecksumSalt of(byte[] bytes) throws ChecksumException {
        if (bytes.length != LENGTH) {
            throw new ChecksumException("the pool's checksum salt is " + bytes.length + " bytes long, not " + LENGTH,
                    "the pool's object directory is damaged");
        }
        return new ChecksumSalt(bytes.clone());
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChecksumSalt salt && Arrays.equals(bytes, salt.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
