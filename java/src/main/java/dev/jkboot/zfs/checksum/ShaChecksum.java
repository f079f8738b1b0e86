package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * ZFS's SHA checksums: the digest's 32 bytes as four 64-bit words. SHA-256's words are always
 * big-endian (an older private implementation wrote them so, and the format kept it); "sha512"
 * is SHA-512/256 and its words are in the block's byte order
 * (sys/contrib/openzfs/module/zfs/sha2_zfs.c).
 */
final class ShaChecksum {
    private ShaChecksum() {}

    static ChecksumValue sha256(ByteBuffer block) {
        return ChecksumValue.ofDigest(digest("SHA-256", block), ByteOrder.BIG_ENDIAN);
    }

    static ChecksumValue sha512(ByteBuffer block, ByteOrder order) {
        return ChecksumValue.ofDigest(digest("SHA-512/256", block), order);
    }

    private static byte[] digest(String algorithm, ByteBuffer block) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(block.duplicate());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has " + algorithm, e);
        }
    }
}
