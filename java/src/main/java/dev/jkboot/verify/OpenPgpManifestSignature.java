package dev.jkboot.verify;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * libsecureboot's OpenPGP manifest signature (lib/libsecureboot/openpgp/opgp_sig.c
 * {@code verify_asc}): {@code M.asc} is a detached v4 signature of {@code M} (a binary document,
 * type 0x00), RSA PKCS#1 v1.5, by a key among the OpenPGP trust anchors, found by the issuer key
 * ID. The digest covers the manifest, then the signature's hashed part and its trailer (RFC 4880
 * 5.2.4). SHA-256, SHA-384 and SHA-512 (libsecureboot also takes SHA-1; jkboot does not).
 */
final class OpenPgpManifestSignature {
    private static final int ISSUER = 16;
    private static final int ISSUER_FINGERPRINT = 33;

    private OpenPgpManifestSignature() {}

    /** @return the signing key's fingerprint, for messages */
    static String verify(String manifestName, byte[] manifest, String sigName, byte[] sig, List<OpenPgpKey> keys)
            throws VerifyException {
        List<OpenPgpPackets.Packet> packets = OpenPgpPackets.read(sigName, sig);
        if (packets.size() != 1 || packets.get(0).tag() != OpenPgpPackets.SIGNATURE) {
            throw refused(manifestName, sigName + " is not one signature packet");
        }
        byte[] b = packets.get(0).body();
        if (b.length < 6 || b[0] != 4) {
            throw refused(manifestName, sigName + " is not a version 4 signature");
        }
        if (b[1] != 0) {
            throw refused(manifestName, "%s signs type 0x%02x, not a binary document (use gpg --detach-sign)"
                    .formatted(sigName, b[1]));
        }
        String algorithm = switch (b[3]) {
            case 8 -> "SHA256withRSA";
            case 9 -> "SHA384withRSA";
            case 10 -> "SHA512withRSA";
            default -> throw refused(manifestName, sigName + " uses OpenPGP hash algorithm " + b[3]
                    + " (jkboot takes SHA-256, SHA-384 and SHA-512)");
        };
        if (b[2] != 1 && b[2] != 3) {
            throw refused(manifestName, sigName + " is not an RSA signature (OpenPGP algorithm " + b[2]
                    + "; libsecureboot verifies RSA only)");
        }
        int hashedEnd = 6 + (int) OpenPgpPackets.number(sigName, b, 4, 2);
        int unhashedLength = (int) OpenPgpPackets.number(sigName, b, hashedEnd, 2);
        int unhashedEnd = hashedEnd + 2 + unhashedLength;
        Optional<String> issuer = issuer(sigName, b, 6, hashedEnd);
        if (issuer.isEmpty()) {
            issuer = issuer(sigName, b, hashedEnd + 2, unhashedEnd);
        }
        if (issuer.isEmpty()) {
            throw refused(manifestName, sigName + " does not name its key (no issuer subpacket)");
        }
        String keyId = issuer.get();
        OpenPgpKey key = keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> refused(manifestName, "its signer, OpenPGP key " + keyId
                        + ", is not among the trust anchors"));
        int[] at = {unhashedEnd + 2};
        byte[] s = OpenPgpKey.mpi(sigName, b, at);
        int modulusBytes = (((RSAPublicKey) key.key()).getModulus().bitLength() + 7) / 8;
        if (s.length > modulusBytes) {
            throw refused(manifestName, sigName + " holds a signature longer than the key");
        }
        byte[] padded = new byte[modulusBytes];
        System.arraycopy(s, 0, padded, modulusBytes - s.length, s.length);
        try {
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(key.key());
            v.update(manifest);
            v.update(b, 0, hashedEnd);
            v.update(new byte[] {4, (byte) 0xff});
            v.update(trailerLength(hashedEnd));
            if (!v.verify(padded)) {
                throw refused(manifestName, sigName + " does not match it (the manifest was changed after signing, "
                        + "or signed by another key than " + key.keyId() + ")");
            }
        } catch (SignatureException e) {
            throw refused(manifestName, sigName + " is not a well-formed RSA signature: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw refused(manifestName, algorithm + " cannot verify: " + e.getMessage());
        }
        return "OpenPGP key " + key.fingerprint();
    }

    private static byte[] trailerLength(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** The issuer key ID in the subpackets between {@code from} and {@code to} (RFC 4880 5.2.3.1). */
    private static Optional<String> issuer(String name, byte[] b, int from, int to) throws VerifyException {
        if (to > b.length) {
            throw OpenPgpPackets.bad(name, "its subpackets run past the signature: truncated");
        }
        int at = from;
        while (at < to) {
            int first = OpenPgpPackets.byteAt(name, b, at++);
            long length;
            if (first < 192) {
                length = first;
            } else if (first < 255) {
                length = ((first - 192) << 8) + OpenPgpPackets.byteAt(name, b, at++) + 192;
            } else {
                length = OpenPgpPackets.number(name, b, at, 4);
                at += 4;
            }
            if (length < 1 || length > to - at) {
                throw OpenPgpPackets.bad(name, "a subpacket runs past its area: damaged or truncated");
            }
            int type = b[at] & 0x7f;
            int data = at + 1;
            int dataLength = (int) length - 1;
            if (type == ISSUER && dataLength == 8) {
                return Optional.of(HexFormat.of().withUpperCase().formatHex(b, data, data + 8));
            }
            if (type == ISSUER_FINGERPRINT && dataLength == 21 && b[data] == 4) {
                return Optional.of(HexFormat.of().withUpperCase().formatHex(b, data + 13, data + 21));
            }
            at += (int) length;
        }
        return Optional.empty();
    }

    private static VerifyException refused(String manifestName, String why) {
        return new VerifyException("manifest " + manifestName + " refused: " + why,
                "sign the manifest again (gpg --armor --detach-sign) with a key installed in "
                        + TrustAnchors.DIRECTORY + " (see docs/verified-boot.md)");
    }
}
