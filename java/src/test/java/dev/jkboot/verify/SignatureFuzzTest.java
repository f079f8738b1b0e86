package dev.jkboot.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes on the FreeBSD disk are untrusted: a mutated or truncated signature, chain or manifest
 * is refused with a {@link VerifyException} and nothing else, and never accepted. Seeded, so a
 * failure names a reproducible case.
 */
class SignatureFuzzTest {
    private static final long SEED = 0x7665726966794cL;
    private static final int ROUNDS = 600;

    @TempDir static Path dir;
    static TrustAnchors anchors;
    static byte[] manifest;
    static byte[] esig;
    static byte[] ecerts;

    @BeforeAll
    static void signed() throws Exception {
        OpensslSigning signing = OpensslSigning.create(dir.resolve("keys"), "ec");
        Path m = dir.resolve("manifest");
        Files.writeString(m, "kernel/kernel sha256=" + "ab".repeat(32) + "\n");
        signing.sign(m);
        manifest = Files.readAllBytes(m);
        esig = Files.readAllBytes(dir.resolve("manifest.esig"));
        ecerts = Files.readAllBytes(dir.resolve("manifest.ecerts"));
        anchors = new TrustAnchors(TrustAnchors.certificates("ca.pem", Files.readAllBytes(signing.caCert)).stream()
                .map(c -> new TrustAnchors.Anchor("ca.pem", c)).toList(), List.of());
    }

    private static boolean verifies(byte[] m, byte[] sig, byte[] certs, String how) {
        try {
            X509ManifestSignature.verify("/boot/manifest", m, "/boot/manifest.esig", sig, "/boot/manifest.ecerts",
                    certs, anchors, Instant.now());
            return true;
        } catch (VerifyException e) {
            assertTrue(e.getMessage().contains("/boot/manifest"), how + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(how + ": " + e, e);
        }
    }

    @Test
    void theUnchangedSignatureVerifies() {
        assertTrue(verifies(manifest, esig, ecerts, "original"));
    }

    @Test
    void mutatedSignaturesChainsAndManifestsAreRefusedCleanly() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int which = round % 3;
            byte[][] parts = {manifest, esig, ecerts};
            byte[] mutated = mutate(parts[which], random);
            String how = "seed 0x%x round %d part %d".formatted(SEED, round, which);
            parts[which] = mutated;
            if (verifies(parts[0], parts[1], parts[2], how)) {
                accepted++;
                // Only a change the formats ignore may pass: text outside PEM blocks, or the same bytes.
                if (which == 0) {
                    assertArrayEquals(manifest, mutated, how + ": a changed manifest verified");
                }
            }
        }
        assertTrue(accepted < ROUNDS / 3, "accepted " + accepted);
    }

    @Test
    void everyTruncationOfTheSignatureIsRefused() {
        for (int length = 0; length < esig.length - 1; length++) {
            byte[] cut = Arrays.copyOf(esig, length);
            if (verifies(manifest, cut, ecerts, "signature cut to " + length)) {
                // the last bytes are the END line's newline; without it the block is still complete
                assertEquals(esig.length - 1, length);
            }
        }
    }

    @Test
    void manifestLookupsOfRandomTextNeverThrow() {
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] text = mutate(manifest, random);
            Manifest m = Manifest.of("/boot/manifest", text, "test");
            for (String path : List.of("/boot/kernel/kernel", "/boot/", "/boot", "/", "/boot/k")) {
                m.fingerprintOf(path).ifPresent(field -> Fingerprint.parse(field));
            }
        }
    }

    private static byte[] mutate(byte[] base, Random random) {
        byte[] out = base.clone();
        switch (random.nextInt(4)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            default -> {
                int at = random.nextInt(out.length);
                byte[] longer = Arrays.copyOf(out, out.length + 1);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                longer[at] = (byte) random.nextInt(256);
                out = longer;
            }
        }
        return out;
    }
}
