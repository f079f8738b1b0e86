package dev.jkboot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys, certificates, manifests and signatures made by {@code openssl}, never by jkboot: a CA (the
 * trust anchor) and a signer it certified, then manifests signed the way libsecureboot expects
 * ({@code manifest.esig} holding the PEM of {@code openssl dgst -sha256 -sign}, {@code manifest.ecerts}
 * the chain, leaf first). The same commands are in docs/verified-boot.md.
 */
public final class OpensslSigning {
    public final Path dir;
    public final Path caCert;
    public final Path signerKey;
    public final Path signerCert;

    private OpensslSigning(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.signerKey = dir.resolve("signer.key");
        this.signerCert = dir.resolve("signer.pem");
    }

    /** A CA and a signer valid for a year from now; {@code keyType} "ec" (P-256) or "rsa" (2048 bits). */
    public static OpensslSigning create(Path dir, String keyType) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        OpensslSigning s = new OpensslSigning(dir);
        List<String> newKey = keyType.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-newkey", "rsa:2048");
        List<String> ca = new ArrayList<>(List.of("req", "-x509", "-nodes", "-days", "3650", "-subj", "/CN=jkboot test CA",
                "-keyout", dir.resolve("ca.key").toString(), "-out", s.caCert.toString()));
        ca.addAll(newKey);
        s.openssl(ca);
        List<String> csr = new ArrayList<>(List.of("req", "-new", "-nodes", "-subj", "/CN=jkboot test signer",
                "-keyout", s.signerKey.toString(), "-out", dir.resolve("signer.csr").toString()));
        csr.addAll(newKey);
        s.openssl(csr);
        s.openssl(List.of("x509", "-req", "-in", dir.resolve("signer.csr").toString(), "-CA", s.caCert.toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "365",
                "-out", s.signerCert.toString()));
        return s;
    }

    /** The line {@code name sha256=HEX} for {@code file}, its digest computed by openssl. */
    public static String entry(String name, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(RequiredTool.require("openssl").toString(), "dgst", "-sha256", "-r",
                file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "openssl dgst " + file);
        return name + " sha256=" + out.substring(0, out.indexOf(' ')) + "\n";
    }

    /** Signs {@code manifest}: writes {@code manifest.esig} and {@code manifest.ecerts}. */
    public void sign(Path manifest) throws IOException, InterruptedException {
        Path der = dir.resolve("sig.der");
        openssl(List.of("dgst", "-sha256", "-sign", signerKey.toString(), "-out", der.toString(),
                manifest.toString()));
        String base64 = openssl(List.of("base64", "-in", der.toString()));
        Files.writeString(manifest.resolveSibling(manifest.getFileName() + ".esig"),
                "-----BEGIN SIGNATURE-----\n" + base64 + "-----END SIGNATURE-----\n");
        Files.writeString(manifest.resolveSibling(manifest.getFileName() + ".ecerts"),
                Files.readString(signerCert) + Files.readString(caCert));
    }

    /** Installs the CA as the only trust anchor under {@code hostRoot}. */
    public void installAnchor(Path hostRoot) throws IOException {
        Path trust = hostRoot.resolve(TrustAnchors.DIRECTORY.substring(1));
        Files.createDirectories(trust);
        Files.copy(caCert, trust.resolve("ca.pem"));
    }

    String openssl(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(RequiredTool.require("openssl").toString());
        command.addAll(args);
        Path errors = Files.createTempFile(dir, "openssl", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + Files.readString(errors));
        Files.delete(errors);
        return out;
    }
}
