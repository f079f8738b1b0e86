package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.freebsd.NativeFixtures;
import dev.jkboot.verify.OpensslSigning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jkboot boot}'s own files under verification: the manifest beside them on the host, the
 * anchor in the image (a captured host with one added), keys and signatures made by openssl.
 */
class VerifiedBootCommandTest {
    @TempDir Path hostRoot;
    @TempDir Path boot;

    /** The captured host direct-2g with the signer's CA installed, and a signed directory of kernel and module. */
    private void signedHostAndFiles() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of(CliRun.hostFixture("direct-2g")))) {
            Path from = Path.of(CliRun.hostFixture("direct-2g"));
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = hostRoot.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        OpensslSigning signing = OpensslSigning.create(boot.resolve("keys"), "rsa");
        signing.installAnchor(hostRoot);
        Files.createDirectories(boot.resolve("kernel"));
        Files.copy(NativeFixtures.testKernel(), boot.resolve("kernel/kernel"));
        Files.copy(NativeFixtures.testModule(), boot.resolve("kernel/testmod.ko"));
        Files.writeString(boot.resolve("manifest"), OpensslSigning.entry("kernel/kernel", boot.resolve("kernel/kernel"))
                + OpensslSigning.entry("kernel/testmod.ko", boot.resolve("kernel/testmod.ko")));
        signing.sign(boot.resolve("manifest"));
    }

    private CliRun dryRun() throws IOException {
        return CliRun.of("boot", "--host-root", hostRoot.toString(), "--kernel", boot.resolve("kernel/kernel").toString(),
                "--module", boot.resolve("kernel/testmod.ko").toString(), "--dry-run");
    }

    @Test
    void signedFilesNamedOnTheCommandLineAreVerifiedAndBoot() throws Exception {
        signedHostAndFiles();
        CliRun r = dryRun();
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("verified boot: require (1 trust anchor in /etc/jkboot/trust)"), r.err());
        assertTrue(r.err().contains("verify: " + boot.resolve("kernel/kernel") + " verified (" + boot.resolve("manifest")
                + ", signed by CN=jkboot test signer)"), r.err());
        assertTrue(r.err().contains("verify: " + boot.resolve("kernel/testmod.ko") + " verified ("), r.err());
    }

    @Test
    void aTamperedModuleNamedOnTheCommandLineIsRefusedWithExitStatus4() throws Exception {
        signedHostAndFiles();
        Files.write(boot.resolve("kernel/testmod.ko"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        CliRun r = dryRun();
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("jkboot: error: " + boot.resolve("kernel/testmod.ko") + " refused: its SHA-256 is "),
                r.err());
        assertEquals("", r.out(), "no plan");
    }

    @Test
    void theOptionRequiresVerificationWhereNoAnchorIsInstalled() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel",
                NativeFixtures.testKernel().toString(), "--dry-run", "--verify", "require");
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("refused: verification is required (require by --verify on jkboot's command "
                + "line) but no trust anchors are installed"), r.err());
    }
}
