package dev.jkboot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification against manifests, keys and signatures made by openssl: each refusal the issue
 * lists, and what is accepted.
 */
class VerifierTest {
    @TempDir static Path keys;
    static OpensslSigning ec;
    static OpensslSigning rsa;
    static OpensslSigning stranger;

    @TempDir Path root;
    @TempDir Path host;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        ec = OpensslSigning.create(keys.resolve("ec"), "ec");
        rsa = OpensslSigning.create(keys.resolve("rsa"), "rsa");
        stranger = OpensslSigning.create(keys.resolve("stranger"), "ec");
    }

    @BeforeEach
    void tree() throws IOException {
        write("boot/kernel/kernel", "a kernel");
        write("boot/kernel/testmod.ko", "a module");
        write("boot/mfsroot", "a raw md image");
        write("boot/loader.conf", "testmod_load=\"YES\"\n");
    }

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** /boot/manifest listing every file of the tree, signed by {@code signer}. */
    private void signBoot(OpensslSigning signer, String... omit) throws Exception {
        StringBuilder manifest = new StringBuilder("# made by openssl dgst\n");
        for (String name : List.of("kernel/kernel", "kernel/testmod.ko", "mfsroot", "loader.conf")) {
            if (!Arrays.asList(omit).contains(name)) {
                manifest.append(OpensslSigning.entry(name, root.resolve("boot").resolve(name)));
            }
        }
        Files.writeString(root.resolve("boot/manifest"), manifest);
        signer.sign(root.resolve("boot/manifest"));
    }

    private Verifier verifier(OpensslSigning anchor, Instant now) throws VerifyException, IOException {
        anchor.installAnchor(host);
        return new Verifier(VerifyPolicy.resolve(host, Optional.empty(), Optional.empty()),
                Clock.fixed(now, ZoneOffset.UTC), log::add);
    }

    private Verifier verifier(OpensslSigning anchor) throws VerifyException, IOException {
        return verifier(anchor, Instant.now());
    }

    /** Reads a file as a boot does: through the verifying view, at the severity the caller gives. */
    private static byte[] read(BootFiles files, String path) throws VerifyException {
        try {
            return files.read(path).orElseThrow();
        } catch (IOException e) {
            throw VerifyException.refusalIn(e).orElseThrow(() -> new AssertionError(e));
        }
    }

    private BootFiles view(Verifier v, Severity severity) {
        return new VerifiedBootFiles(new DirectoryBootFiles(root), v, path -> severity);
    }

    private BootFiles guessing(Verifier v) {
        return new VerifiedBootFiles(new DirectoryBootFiles(root), v, Severity::guess);
    }

    @Test
    void aGoodEcdsaManifestVerifiesKernelModuleRawFileAndLoaderConf() throws Exception {
        signBoot(ec);
        Verifier v = verifier(ec);
        BootFiles boot = view(v, Severity.MUST);
        assertEquals("a kernel", new String(read(boot, "/boot/kernel/kernel"), StandardCharsets.UTF_8));
        read(boot, "/boot/kernel/testmod.ko");
        FileContent raw = boot.open("/boot/mfsroot").orElseThrow();
        assertEquals("a raw md image", new String(raw.toArray(), StandardCharsets.UTF_8));
        read(guessing(v), "/boot/loader.conf");
        assertTrue(log.contains("verify: manifest /boot/manifest signed by CN=jkboot test signer"), log.toString());
        assertTrue(log.contains("verify: /boot/kernel/kernel verified (/boot/manifest, signed by CN=jkboot test "
                + "signer)"), log.toString());
    }

    @Test
    void aGoodRsaManifestVerifies() throws Exception {
        signBoot(rsa);
        read(view(verifier(rsa), Severity.MUST), "/boot/kernel/kernel");
    }

    @Test
    void aRawFileIsHandedOnFromMemoryJkbootOwnsNotFromAMapping() throws Exception {
        signBoot(ec);
        FileContent raw = view(verifier(ec), Severity.MUST).open("/boot/mfsroot").orElseThrow();
        Files.writeString(root.resolve("boot/mfsroot"), "changed after the chec");
        assertEquals("a raw md image", new String(raw.toArray(), StandardCharsets.UTF_8),
                "the bytes checked are the bytes used, whatever happens to the file afterwards");
        assertTrue(raw.extents().stream().noneMatch(e -> e.bytes().isDirect()), "not a mapping");
    }

    private void assertRefused(String path, BootFiles files, String... reasons) {
        VerifyException e = assertThrows(VerifyException.class, () -> read(files, path));
        assertTrue(e.getMessage().startsWith(path + " refused: "), e.getMessage());
        for (String reason : reasons) {
            assertTrue(e.getMessage().contains(reason), e.getMessage() + " should say " + reason);
        }
        assertFalse(e.fix().isEmpty());
    }

    @Test
    void aTamperedKernelIsRefused() throws Exception {
        signBoot(ec);
        write("boot/kernel/kernel", "a kernel, patched");
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST),
                "its SHA-256 is ", "but /boot/manifest lists sha256=", "changed after the manifest was signed");
    }

    @Test
    void aTamperedModuleIsRefused() throws Exception {
        signBoot(ec);
        write("boot/kernel/testmod.ko", "a module with a backdoor");
        assertRefused("/boot/kernel/testmod.ko", view(verifier(ec), Severity.MUST), "changed after");
    }

    @Test
    void aTamperedRawFileIsRefused() throws Exception {
        signBoot(ec);
        write("boot/mfsroot", "another md image");
        BootFiles boot = view(verifier(ec), Severity.MUST);
        IOException e = assertThrows(IOException.class, () -> boot.open("/boot/mfsroot"));
        assertTrue(VerifyException.refusalIn(e).orElseThrow().getMessage().startsWith("/boot/mfsroot refused: its "
                + "SHA-256 is "), e.getMessage());
    }

    @Test
    void aTamperedLoaderConfIsRefusedThoughItMayBeUnlisted() throws Exception {
        signBoot(ec);
        write("boot/loader.conf", "kernel=\"evil\"\n");
        assertRefused("/boot/loader.conf", guessing(verifier(ec)), "changed after");
    }

    @Test
    void aManifestSignedByAKeyNotChainedToTheAnchorsIsRefused() throws Exception {
        signBoot(stranger);
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST),
                "manifest /boot/manifest refused: its signer CN=jkboot test signer", "is not trusted");
    }

    @Test
    void aSignatureByAnotherKeyThanTheCertifiedOneIsRefused() throws Exception {
        signBoot(ec);
        stranger.sign(root.resolve("boot/manifest"));
        // the chain is the trusted signer's, the signature another key's
        Files.writeString(root.resolve("boot/manifest.ecerts"), Files.readString(ec.signerCert)
                + Files.readString(ec.caCert));
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST), "does not match it");
    }

    @Test
    void anExpiredSignerCertificateIsRefused() throws Exception {
        signBoot(ec);
        Verifier later = verifier(ec, Instant.now().plus(Duration.ofDays(400)));
        assertRefused("/boot/kernel/kernel", view(later, Severity.MUST),
                "its signer's certificate CN=jkboot test signer (in /boot/manifest.ecerts) expired on ");
    }

    @Test
    void aTruncatedSignatureIsRefused() throws Exception {
        signBoot(ec);
        Path esig = root.resolve("boot/manifest.esig");
        byte[] whole = Files.readAllBytes(esig);
        Files.write(esig, Arrays.copyOf(whole, whole.length / 2));
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST), "is truncated");
    }

    @Test
    void aSignatureCutInsideItsDerIsRefused() throws Exception {
        signBoot(ec);
        Path esig = root.resolve("boot/manifest.esig");
        String base64 = openssl("base64", "-in", keys.resolve("ec/sig.der").toString());
        Files.writeString(esig, "-----BEGIN SIGNATURE-----\n" + base64.substring(0, 40) + "\n-----END SIGNATURE-----\n");
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST), "manifest /boot/manifest refused");
    }

    private static String openssl(String... args) throws Exception {
        return ec.openssl(List.of(args));
    }

    @Test
    void aModuleMissingFromTheManifestIsRefusedButLoaderConfIsNot() throws Exception {
        signBoot(ec, "kernel/testmod.ko", "loader.conf");
        Verifier v = verifier(ec);
        assertRefused("/boot/kernel/testmod.ko", view(v, Severity.MUST),
                "no entry for it in the signed manifests (/boot/manifest)");
        read(guessing(v), "/boot/loader.conf");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("verify: /boot/loader.conf is not in a manifest; "
                + "accepted unverified (TRY")), log.toString());
    }

    @Test
    void strictRefusesAWantedFileWithoutEntry() throws Exception {
        signBoot(ec, "loader.conf");
        write("boot/loader.conf.local", "x=1\n");
        ec.installAnchor(host);
        Verifier strict = new Verifier(VerifyPolicy.resolve(host, Optional.of("quiet jkboot.verify=strict"),
                Optional.empty()), Clock.systemUTC(), log::add);
        assertRefused("/boot/loader.conf.local", guessing(strict), "no entry");
        read(guessing(strict), "/boot/loader.conf");
    }

    @Test
    void aManifestReplacedAfterSigningIsRefused() throws Exception {
        signBoot(ec);
        write("boot/kernel/kernel", "an evil kernel");
        Files.writeString(root.resolve("boot/manifest"), OpensslSigning.entry("kernel/kernel", root.resolve("boot/kernel/kernel")));
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST),
                "manifest /boot/manifest refused: /boot/manifest.esig does not match it");
    }

    @Test
    void anUnsignedManifestIsRefused() throws Exception {
        signBoot(ec);
        Files.delete(root.resolve("boot/manifest.esig"));
        assertRefused("/boot/kernel/kernel", view(verifier(ec), Severity.MUST), "it is not signed");
    }

    @Test
    void noManifestAtAllIsRefusedEvenForConfigurationFiles() throws Exception {
        Verifier v = verifier(ec);
        assertRefused("/boot/loader.conf", guessing(v),
                "no signed manifest covers it (looked for /boot/manifest and /manifest)");
    }

    @Test
    void aManifestInTheFilesOwnDirectoryComesFirst() throws Exception {
        signBoot(ec, "kernel/kernel");
        Files.writeString(root.resolve("boot/kernel/manifest"), OpensslSigning.entry("kernel", root.resolve("boot/kernel/kernel")));
        ec.sign(root.resolve("boot/kernel/manifest"));
        Verifier v = verifier(ec);
        read(view(v, Severity.MUST), "/boot/kernel/kernel");
        assertTrue(log.contains("verify: /boot/kernel/kernel verified (/boot/kernel/manifest, signed by CN=jkboot "
                + "test signer)"), log.toString());
    }

    @Test
    void withoutAnchorsNothingIsChecked() throws Exception {
        write("boot/kernel/kernel", "anything");
        Verifier off = new Verifier(VerifyPolicy.resolve(host, Optional.empty(), Optional.empty()),
                Clock.systemUTC(), log::add);
        assertFalse(off.active());
        assertEquals("anything", new String(read(view(off, Severity.MUST), "/boot/kernel/kernel"),
                StandardCharsets.UTF_8));
        assertTrue(log.isEmpty());
    }

    @Test
    void requiredWithoutAnchorsRefusesEveryFile() throws Exception {
        Verifier required = new Verifier(VerifyPolicy.resolve(host, Optional.of("jkboot.verify=require"),
                Optional.empty()), Clock.systemUTC(), log::add);
        assertRefused("/boot/kernel/kernel", view(required, Severity.MUST), "verification is required (require by "
                + "jkboot.verify on the kernel command line) but no trust anchors are installed");
    }
}
