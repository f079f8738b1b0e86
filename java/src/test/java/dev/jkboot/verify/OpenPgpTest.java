package dev.jkboot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests signed by gpg ({@code manifest.asc}), verified with keys gpg exported. */
class OpenPgpTest {
    @TempDir static Path keys;
    static GpgSigning trusted;
    static GpgSigning stranger;

    @TempDir Path root;
    @TempDir Path host;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void gpg() throws Exception {
        trusted = GpgSigning.create(keys.resolve("t"), "jkboot test <trusted@jkboot.test>");
        stranger = GpgSigning.create(keys.resolve("s"), "stranger <stranger@jkboot.test>");
    }

    @AfterAll
    static void stopAgents() throws Exception {
        trusted.close();
        stranger.close();
    }

    private BootFiles signedBoot(GpgSigning signer, String digest) throws Exception {
        Path kernel = root.resolve("boot/kernel/kernel");
        Files.createDirectories(kernel.getParent());
        Files.writeString(kernel, "a kernel");
        Path manifest = root.resolve("boot/manifest");
        Files.writeString(manifest, OpensslSigning.entry("kernel/kernel", kernel));
        signer.sign(manifest, digest);
        trusted.installAnchor(host, "jkboot.asc");
        Verifier v = new Verifier(VerifyPolicy.resolve(host, Optional.empty(), Optional.empty()), Clock.systemUTC(),
                log::add);
        return new VerifiedBootFiles(new DirectoryBootFiles(root), v, p -> Severity.MUST);
    }

    private static VerifyException refusal(BootFiles files, String path) {
        IOException e = assertThrows(IOException.class, () -> files.read(path));
        return VerifyException.refusalIn(e).orElseThrow();
    }

    @Test
    void theExportedKeyIsReadWithTheKeyIdGpgGivesIt() throws Exception {
        List<OpenPgpKey> k = OpenPgpKey.read("key.asc", Files.readAllBytes(trusted.publicKey));
        assertEquals(trusted.keyId(), k.get(0).keyId());
    }

    @Test
    void aManifestSignedByGpgVerifies() throws Exception {
        for (String digest : List.of("SHA256", "SHA512")) {
            BootFiles boot = signedBoot(trusted, digest);
            assertEquals("a kernel", new String(boot.read("/boot/kernel/kernel").orElseThrow()));
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("verify: manifest /boot/manifest signed by OpenPGP key ")),
                log.toString());
    }

    @Test
    void aTamperedKernelIsRefused() throws Exception {
        BootFiles boot = signedBoot(trusted, "SHA256");
        Files.writeString(root.resolve("boot/kernel/kernel"), "evil");
        assertTrue(refusal(boot, "/boot/kernel/kernel").getMessage().contains("changed after the manifest was signed"));
    }

    @Test
    void aManifestChangedAfterSigningIsRefused() throws Exception {
        BootFiles boot = signedBoot(trusted, "SHA256");
        Files.writeString(root.resolve("boot/manifest"), "kernel/kernel sha256=" + "00".repeat(32) + "\n");
        assertTrue(refusal(boot, "/boot/kernel/kernel").getMessage().contains(".asc does not match it"));
    }

    @Test
    void aKeyThatIsNotAnAnchorIsRefused() throws Exception {
        BootFiles boot = signedBoot(stranger, "SHA256");
        String message = refusal(boot, "/boot/kernel/kernel").getMessage();
        assertTrue(message.contains("its signer, OpenPGP key " + stranger.keyId() + ", is not among the trust "
                + "anchors"), message);
    }

    @Test
    void sha1SignaturesAreRefused() throws Exception {
        BootFiles boot = signedBoot(trusted, "SHA1");
        assertTrue(refusal(boot, "/boot/kernel/kernel").getMessage().contains("uses OpenPGP hash algorithm 2"));
    }

    @Test
    void truncatedAndMutatedSignaturesAreRefusedCleanly() throws Exception {
        signedBoot(trusted, "SHA256");
        byte[] manifest = Files.readAllBytes(root.resolve("boot/manifest"));
        byte[] asc = Files.readAllBytes(root.resolve("boot/manifest.asc"));
        List<OpenPgpKey> anchors = OpenPgpKey.read("key.asc", Files.readAllBytes(trusted.publicKey));
        OpenPgpManifestSignature.verify("m", manifest, "m.asc", asc, anchors);
        Random random = new Random(0x706770L);
        int accepted = 0;
        for (int round = 0; round < 400; round++) {
            byte[] mutated = round < asc.length - 1 ? Arrays.copyOf(asc, round) : asc.clone();
            if (round >= asc.length - 1) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                OpenPgpManifestSignature.verify("m", manifest, "m.asc", mutated, anchors);
                accepted++;
            } catch (VerifyException e) {
                assertTrue(e.getMessage().contains("m"), e.getMessage());
            }
        }
        // only flips that the armor ignores (in its header line or line ends) can pass
        assertTrue(accepted < 40, "accepted " + accepted);
    }
}
