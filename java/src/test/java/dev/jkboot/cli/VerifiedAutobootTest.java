package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.autoboot.FreeBsdFixture;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.RecordingSyscalls;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostRoot;
import dev.jkboot.verify.OpensslSigning;
import dev.jkboot.verify.VerifyException;
import dev.jkboot.verify.VerifyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoboot with verification, whole: a FreeBSD root signed by openssl, read as a directory and as
 * a UFS2 disk image through the same verifying view, then changed after signing.
 */
class VerifiedAutobootTest {
    @TempDir static Path shared;
    static OpensslSigning signing;
    static Path anchors;
    static HostDescription host;

    @TempDir Path work;
    final List<String> log = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final RecordingSyscalls kexec = new RecordingSyscalls();

    @BeforeAll
    static void fixtures() throws Exception {
        signing = OpensslSigning.create(shared.resolve("keys"), "ec");
        anchors = shared.resolve("image");
        signing.installAnchor(anchors);
        host = HostDescription.read(new HostRoot(Path.of(CliRun.hostFixture("direct-2g"))), "aarch64");
    }

    /** The fixture tree with /boot/manifest listing its files, signed. */
    private Path signedTree() throws Exception {
        Path tree = FreeBsdFixture.tree(work.resolve("tree"), "testmod_load=\"YES\"\n");
        StringBuilder manifest = new StringBuilder();
        for (String f : List.of("defaults/loader.conf", "loader.conf", "kernel/kernel", "kernel/testmod.ko")) {
            manifest.append(OpensslSigning.entry(f, tree.resolve("boot").resolve(f)));
        }
        Files.writeString(tree.resolve("boot/manifest"), manifest);
        signing.sign(tree.resolve("boot/manifest"));
        return tree;
    }

    private int dryRun(RootLocation where) throws Exception {
        VerifyPolicy policy = VerifyPolicy.resolve(anchors, Optional.empty(), Optional.empty());
        return new AutobootFlow(host, where, Map.of(), policy, true, new TrampolineSwitches(),
                (config, environments) -> Optional.empty(), archFlag -> new KexecRunner(kexec, false, log::add),
                AutobootFlowTest.MEASURED_BOOT_OFF, Optional.of(size -> new byte[size]), new PrintStream(out, true, StandardCharsets.UTF_8), log::add).run();
    }

    @Test
    void aSignedDiskImageBootsWithEveryFileVerified() throws Exception {
        Path image = FreeBsdFixture.disk(signedTree(), work.resolve("freebsd.img"));
        assertEquals(ExitStatus.OK, dryRun(new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString())))));
        for (String f : List.of("/boot/defaults/loader.conf", "/boot/loader.conf", "/boot/kernel/kernel",
                "/boot/kernel/testmod.ko")) {
            assertTrue(log.stream().anyMatch(l -> l.startsWith("verify: " + f + " verified (/boot/manifest, ")),
                    f + " in " + log);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("/boot/kernel/testmod.ko"));
    }

    @Test
    void aModuleChangedAfterSigningStopsTheBootBeforeAnythingIsLoaded() throws Exception {
        Path tree = signedTree();
        Files.write(tree.resolve("boot/kernel/testmod.ko"), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        Path image = FreeBsdFixture.disk(tree, work.resolve("freebsd.img"));
        VerifyException e = assertThrows(VerifyException.class,
                () -> dryRun(new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString())))));
        assertTrue(e.getMessage().startsWith("/boot/kernel/testmod.ko refused: its SHA-256 is "), e.getMessage());
        assertEquals(List.of(), kexec.calls, "nothing loaded");
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no plan");
    }

    @Test
    void aLoaderConfChangedAfterSigningIsNamedAsTheReasonNotAsADiskError() throws Exception {
        Path tree = signedTree();
        Files.writeString(tree.resolve("boot/loader.conf"), "kernel=\"kernel.old\"\n");
        VerifyException e = assertThrows(VerifyException.class, () -> dryRun(new RootLocation.Directory(tree)));
        assertTrue(e.getMessage().startsWith("/boot/loader.conf refused: its SHA-256 is "), e.getMessage());
    }

    @Test
    void jkbootWithNoSubcommandTakesTheVerifyOption() throws Exception {
        Path tree = signedTree();
        CliRun r = CliRun.of("--host-root", CliRun.hostFixture("direct-2g"), "--root", tree.toString(), "--dry-run",
                "--verify", "strict");
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("jkboot: error: /boot/defaults/loader.conf refused: verification is required "
                + "(strict by --verify on jkboot's command line) but no trust anchors are installed"), r.err());
        assertEquals("", r.out());
    }
}
