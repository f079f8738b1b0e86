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
 * An OpenPGP RSA key and detached signatures made by {@code gpg} in a home of their own, never by
 * jkboot: {@code manifest.asc} as {@code gpg --armor --detach-sign} writes it, the public key as
 * {@code gpg --armor --export} does.
 */
final class GpgSigning implements AutoCloseable {
    final Path home;
    final Path publicKey;

    private GpgSigning(Path home) {
        this.home = home;
        this.publicKey = home.resolve("key.asc");
    }

    static GpgSigning create(Path home, String uid) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        GpgSigning g = new GpgSigning(home);
        g.gpg("--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", uid, "rsa2048", "sign", "never");
        Files.writeString(g.publicKey, g.gpg("--armor", "--export"));
        return g;
    }

    void sign(Path file, String digest) throws IOException, InterruptedException {
        gpg("--yes", "--armor", "--detach-sign", "--digest-algo", digest, "-o", file + ".asc", file.toString());
    }

    /** The key ID gpg gives the key (16 hex digits). */
    String keyId() throws IOException, InterruptedException {
        String listing = gpg("--with-colons", "--list-keys");
        String pub = listing.lines().filter(l -> l.startsWith("pub:")).findFirst().orElseThrow();
        return pub.split(":")[4];
    }

    void installAnchor(Path hostRoot, String name) throws IOException {
        Path trust = hostRoot.resolve(TrustAnchors.DIRECTORY.substring(1));
        Files.createDirectories(trust);
        Files.copy(publicKey, trust.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    String gpg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RequiredTool.require("gpg").toString(), "--batch",
                "--homedir", home.toString()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile(home, "gpg", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + Files.readString(errors));
        Files.delete(errors);
        return out;
    }

    /** Stops the agent gpg started for this home. */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor();
    }
}
