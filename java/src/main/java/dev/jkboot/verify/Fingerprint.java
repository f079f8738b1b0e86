package dev.jkboot.verify;

import dev.jkboot.fs.FileContent;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest's fingerprint field, {@code sha256=HEX} (or sha384, sha512), as libsecureboot's
 * verify_fingerprint reads it (lib/libsecureboot/veopen.c): the first 2 × digest-size characters
 * after '=' must be the lower-case hex digest of the whole file.
 */
record Fingerprint(String algorithm, String expectedHex) {
    /** FreeBSD's names for the digests it may be built with, minus SHA-1 (jkboot does not trust it). */
    private static final Map<String, String> DIGESTS = Map.of("sha256", "SHA-256", "sha384", "SHA-384",
            "sha512", "SHA-512");
    private static final int ZEROS = 1 << 16;

    /** Empty when the field names no digest jkboot computes (FreeBSD's VE_FINGERPRINT_UNKNOWN). */
    static Optional<Fingerprint> parse(String field) {
        int eq = field.indexOf('=');
        if (eq < 0 || !DIGESTS.containsKey(field.substring(0, eq))) {
            return Optional.empty();
        }
        return Optional.of(new Fingerprint(DIGESTS.get(field.substring(0, eq)), field.substring(eq + 1)));
    }

    /** The hex digest of every byte of {@code content}, its holes as the zeros they read as. */
    String digestOf(FileContent content) {
        MessageDigest md = newDigest();
        long at = 0;
        for (FileContent.Extent e : content.extents()) {
            zeros(md, e.offset() - at);
            md.update(e.bytes().duplicate());
            at = e.end();
        }
        zeros(md, content.size() - at);
        return HexFormat.of().formatHex(md.digest());
    }

    /** Whether {@code actualHex} is what the manifest lists (its first digest-size characters). */
    boolean matches(String actualHex) {
        return expectedHex.length() >= actualHex.length()
                && expectedHex.substring(0, actualHex.length()).equals(actualHex);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides " + algorithm, e);
        }
    }

    private static void zeros(MessageDigest md, long count) {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZEROS, Math.max(count, 0)));
        for (long left = count; left > 0; left -= zeros.capacity()) {
            md.update(zeros.clear().limit((int) Math.min(left, zeros.capacity())));
        }
    }
}
