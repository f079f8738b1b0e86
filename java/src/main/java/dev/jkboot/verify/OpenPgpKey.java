package dev.jkboot.verify;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An OpenPGP v4 RSA public key (RFC 4880 5.5.2) given as a trust anchor: what libsecureboot's
 * OpenPGP path verifies with (lib/libsecureboot/openpgp/opgp_key.c, RSA only). Its key ID is the
 * low 64 bits of its fingerprint, SHA-1 over 0x99, the body's length and the body (RFC 4880 12.2).
 *
 * @param keyId 16 upper-case hex digits, as gpg prints it
 */
public record OpenPgpKey(String keyId, String fingerprint, PublicKey key) {
    private static final int RSA = 1;
    private static final int RSA_SIGN_ONLY = 3;

    /** The RSA keys and subkeys of an armored or binary key file; other algorithms are skipped. */
    static List<OpenPgpKey> read(String name, byte[] bytes) throws VerifyException {
        List<OpenPgpKey> keys = new ArrayList<>();
        for (OpenPgpPackets.Packet p : OpenPgpPackets.read(name, bytes)) {
            if (p.tag() == OpenPgpPackets.PUBLIC_KEY || p.tag() == OpenPgpPackets.PUBLIC_SUBKEY) {
                byte[] b = p.body();
                if (b.length < 6 || b[0] != 4) {
                    throw OpenPgpPackets.bad(name, "a public key of version " + (b.length > 0 ? b[0] : "?")
                            + " (only version 4 keys are read)");
                }
                int algorithm = b[5] & 0xff;
                if (algorithm == RSA || algorithm == RSA_SIGN_ONLY) {
                    keys.add(rsa(name, b));
                }
            }
        }
        if (keys.isEmpty()) {
            throw OpenPgpPackets.bad(name, "no RSA public key in it (libsecureboot's OpenPGP verifies RSA only)");
        }
        return keys;
    }

    private static OpenPgpKey rsa(String name, byte[] body) throws VerifyException {
        int[] at = {6};
        BigInteger n = new BigInteger(1, mpi(name, body, at));
        BigInteger e = new BigInteger(1, mpi(name, body, at));
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(new byte[] {(byte) 0x99, (byte) (body.length >> 8), (byte) body.length});
            sha1.update(body);
            String fingerprint = HexFormat.of().withUpperCase().formatHex(sha1.digest());
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            return new OpenPgpKey(fingerprint.substring(24), fingerprint, key);
        } catch (GeneralSecurityException ex) {
            throw OpenPgpPackets.bad(name, "an RSA key the JDK refuses: " + ex.getMessage());
        }
    }

    /** RFC 4880 3.2: a 2-byte bit count, then the bytes; {@code at[0]} moves past it. */
    static byte[] mpi(String name, byte[] b, int[] at) throws VerifyException {
        int bits = (int) OpenPgpPackets.number(name, b, at[0], 2);
        int length = (bits + 7) / 8;
        int start = at[0] + 2;
        if (length > b.length - start) {
            throw OpenPgpPackets.bad(name, "a number of %d bits runs past its packet: truncated".formatted(bits));
        }
        at[0] = start + length;
        return Arrays.copyOfRange(b, start, start + length);
    }
}
