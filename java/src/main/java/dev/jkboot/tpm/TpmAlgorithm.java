package dev.jkboot.tpm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The hash algorithms a PCR bank can use, with their TPM_ALG_ID (TCG Algorithm Registry) and the
 * names tpm2-tools prints. SM3 has no provider in the JDK, so a bank using it cannot be extended.
 */
public enum TpmAlgorithm {
    SHA1(0x0004, "sha1", "SHA-1", 20),
    SHA256(0x000B, "sha256", "SHA-256", 32),
    SHA384(0x000C, "sha384", "SHA-384", 48),
    SHA512(0x000D, "sha512", "SHA-512", 64),
    SM3_256(0x0012, "sm3_256", null, 32),
    SHA3_256(0x0027, "sha3_256", "SHA3-256", 32),
    SHA3_384(0x0028, "sha3_384", "SHA3-384", 48),
    SHA3_512(0x0029, "sha3_512", "SHA3-512", 64);

    private final int id;
    private final String label;
    private final String javaName;
    private final int digestSize;

    TpmAlgorithm(int id, String label, String javaName, int digestSize) {
        this.id = id;
        this.label = label;
        this.javaName = javaName;
        this.digestSize = digestSize;
    }

    /** The algorithm with this TPM_ALG_ID, if it is a hash a PCR bank can use. */
    public static Optional<TpmAlgorithm> of(int id) {
        for (TpmAlgorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public int id() {
        return id;
    }

    /** The name tpm2-tools uses ({@code sha256}). */
    public String label() {
        return label;
    }

    public int digestSize() {
        return digestSize;
    }

    /** Whether the JDK can compute this digest. */
    public boolean supported() {
        return javaName != null;
    }

    /**
     * A new digest engine.
     *
     * @throws IllegalStateException for SM3, or a JDK without a standard algorithm (checked by {@link #supported})
     */
    public MessageDigest newDigest() {
        try {
            if (javaName == null) {
                throw new NoSuchAlgorithmException(label);
            }
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + label + " in this JDK", e);
        }
    }
}
