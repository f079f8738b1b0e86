package dev.jkboot.verify;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * libsecureboot's X.509 manifest signature (lib/libsecureboot/vets.c verify_sig): {@code M.esig}
 * (or {@code .rsig}, {@code .sig}) is a PEM block holding the signature of {@code M}'s SHA-256
 * digest, ECDSA in ASN.1 DER or RSA PKCS#1 v1.5; the signer's certificate chain, leaf first, is the
 * sibling file whose name ends in "certs" instead of "sig" ({@code M.ecerts}); the chain must lead
 * to a trust anchor and be valid now.
 */
final class X509ManifestSignature {
    private X509ManifestSignature() {}

    /** The name of the chain file for signature file {@code sigName}: its "sig" becomes "certs". */
    static String certsName(String sigName) {
        return sigName.substring(0, sigName.length() - "sig".length()) + "certs";
    }

    /**
     * @return the signer's subject, for messages
     * @throws VerifyException naming {@code manifestName} and why it is not signed by a trusted key
     */
    static String verify(String manifestName, byte[] manifest, String sigName, byte[] sig, String certsName,
                         byte[] certs, TrustAnchors anchors, Instant now) throws VerifyException {
        List<Pem> blocks = Pem.parse(sigName, sig);
        if (blocks.isEmpty()) {
            throw refused(manifestName, sigName + " holds no PEM signature block (empty or truncated)");
        }
        List<X509Certificate> chain = TrustAnchors.certificates(certsName, certs);
        X509Certificate signer = chain.get(0);
        checkChain(manifestName, certsName, chain, anchors, now);
        PublicKey key = signer.getPublicKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw refused(manifestName, "the signer's key is " + key.getAlgorithm()
                    + "; libsecureboot verifies ECDSA and RSA only");
        };
        boolean good;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(manifest);
            good = verifier.verify(blocks.get(0).der());
        } catch (SignatureException e) {
            throw refused(manifestName, sigName + " is not a well-formed " + algorithm
                    + " signature (damaged or truncated): " + e.getMessage());
        } catch (InvalidKeyException e) {
            throw refused(manifestName, "the signer's key cannot verify: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw refused(manifestName, algorithm + " is not available: " + e.getMessage());
        }
        if (!good) {
            throw refused(manifestName, sigName + " does not match it (the manifest was changed after signing, "
                    + "or signed by another key than " + signer.getSubjectX500Principal().getName() + ")");
        }
        return signer.getSubjectX500Principal().getName();
    }

    /** BearSSL's x509_minimal as vets.c drives it: the chain leads to an anchor and every certificate is valid now. */
    private static void checkChain(String manifestName, String certsName, List<X509Certificate> chain,
                                   TrustAnchors anchors, Instant now) throws VerifyException {
        Set<X509Certificate> trusted = anchors.anchors().stream().map(TrustAnchors.Anchor::certificate)
                .collect(Collectors.toSet());
        Date at = Date.from(now);
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(at);
            } catch (CertificateExpiredException e) {
                throw refused(manifestName, "its signer's certificate %s (in %s) expired on %s".formatted(
                        c.getSubjectX500Principal().getName(), certsName, c.getNotAfter().toInstant()));
            } catch (CertificateNotYetValidException e) {
                throw refused(manifestName, "its signer's certificate %s (in %s) is not valid before %s (is the clock "
                        .formatted(c.getSubjectX500Principal().getName(), certsName, c.getNotBefore().toInstant())
                        + "right?)");
            }
            if (trusted.contains(c)) {
                break;
            }
            path.add(c);
        }
        if (path.isEmpty()) {
            return;
        }
        if (trusted.isEmpty()) {
            throw refused(manifestName, "it is signed with X.509 (" + certsName + ") but only OpenPGP keys are "
                    + "installed as trust anchors");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trusted.stream()
                    .map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet()));
            parameters.setRevocationEnabled(false);
            parameters.setDate(at);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            String why = e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED
                    || e.getReason() == null ? e.getMessage() : e.getReason() + ": " + e.getMessage();
            throw refused(manifestName, "its signer %s (chain in %s) is not trusted: %s".formatted(
                    path.get(0).getSubjectX500Principal().getName(), certsName, why));
        } catch (GeneralSecurityException e) {
            throw refused(manifestName, "its signer's chain in %s cannot be checked: %s".formatted(certsName,
                    e.getMessage()));
        }
    }

    static VerifyException refused(String manifestName, String why) {
        return new VerifyException("manifest " + manifestName + " refused: " + why,
                "sign the manifest again with a key whose certificate chains to a trust anchor in "
                        + TrustAnchors.DIRECTORY + " (see docs/verified-boot.md)");
    }
}
