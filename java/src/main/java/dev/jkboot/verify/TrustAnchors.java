package dev.jkboot.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The certificates a manifest's signer must chain to, and the OpenPGP keys that may sign one,
 * installed in the image with jkboot: every file in {@link #DIRECTORY} not starting with a dot,
 * each holding PEM certificates or an OpenPGP public key (armored or binary), as libsecureboot's
 * trust_dir_add reads a trust directory (lib/libsecureboot/veta.c trust_file_add).
 *
 * @param anchors in file name order
 * @param openPgpKeys in file name order
 */
public record TrustAnchors(List<Anchor> anchors, List<OpenPgpAnchor> openPgpKeys) {
    /** Where the image holds them, from its root. */
    public static final String DIRECTORY = "/etc/jkboot/trust";
    /** More files than any sensible set of anchors; a bound on what jkboot reads at start-up. */
    static final int MAX_FILES = 64;
    /** A certificate file larger than this is not a set of certificates. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /** One trusted certificate and the file it came from. */
    public record Anchor(String file, X509Certificate certificate) {}

    /** One trusted OpenPGP key and the file it came from. */
    public record OpenPgpAnchor(String file, OpenPgpKey key) {}

    public TrustAnchors {
        anchors = List.copyOf(anchors);
        openPgpKeys = List.copyOf(openPgpKeys);
    }

    public static TrustAnchors none() {
        return new TrustAnchors(List.of(), List.of());
    }

    public boolean isEmpty() {
        return anchors.isEmpty() && openPgpKeys.isEmpty();
    }

    public int size() {
        return anchors.size() + openPgpKeys.size();
    }

    /**
     * The anchors in {@code dir}; none when it does not exist.
     *
     * @throws VerifyException when a file there cannot be read or holds no certificate: an image
     *     with a broken anchor fails closed rather than boot unverified
     */
    public static TrustAnchors load(Path dir) throws VerifyException {
        if (!Files.isDirectory(dir)) {
            return none();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    files.add(p);
                }
                if (files.size() > MAX_FILES) {
                    throw broken(dir, "more than " + MAX_FILES + " files");
                }
            }
        } catch (IOException e) {
            throw broken(dir, "cannot list it: " + e.getMessage());
        }
        files.sort(Comparator.comparing(Path::toString));
        List<Anchor> anchors = new ArrayList<>();
        List<OpenPgpAnchor> keys = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = readSmall(file);
            if (OpenPgpPackets.isOpenPgp(bytes)) {
                for (OpenPgpKey k : OpenPgpKey.read(file.toString(), bytes)) {
                    keys.add(new OpenPgpAnchor(file.toString(), k));
                }
            } else {
                for (X509Certificate c : certificates(file.toString(), bytes)) {
                    anchors.add(new Anchor(file.toString(), c));
                }
            }
        }
        return new TrustAnchors(anchors, keys);
    }

    /** The certificates of the PEM text {@code bytes}, in order; at least one. */
    static List<X509Certificate> certificates(String name, byte[] bytes) throws VerifyException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem block : Pem.parse(name, bytes)) {
                if (block.label().equals("CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new VerifyException(name + " holds a certificate that cannot be parsed: " + e.getMessage(),
                    "make the certificate file again (openssl x509 -outform PEM)");
        }
        if (out.isEmpty()) {
            throw new VerifyException(name + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                    "put PEM X.509 certificates or OpenPGP public keys (gpg --armor --export) there");
        }
        return out;
    }

    private static byte[] readSmall(Path file) throws VerifyException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw broken(file, "larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw broken(file, "cannot read it: " + e.getMessage());
        }
    }

    private static VerifyException broken(Path where, String why) {
        return new VerifyException("trust anchors: " + where + ": " + why,
                "install only PEM certificates and OpenPGP public keys in " + DIRECTORY + " of the initramfs");
    }
}
