package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.autoboot.FreeBsdFixture;
import dev.jkboot.disk.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the no-argument flow: options, the default command, and what stays refused. */
class AutobootCommandTest {
    @TempDir static Path shared;
    static Path tree;
    static Path image;
    static String host;

    @BeforeAll
    static void fixtures() throws Exception {
        tree = FreeBsdFixture.tree(shared.resolve("tree"), AutobootFlowTest.LOADER_CONF);
        image = FreeBsdFixture.disk(tree, shared.resolve("freebsd.img"));
        host = CliRun.hostFixture("direct-2g");
    }

    @Test
    void autobootDryRunOnACapturedHostWithADiskImagePrintsThePlan() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--host-root", host, "--disk", image.toString());
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.out().startsWith("addresses:\n"), r.out());
        assertTrue(r.out().contains("MODINFO_NAME           \"/boot/kernel/testmod.ko\""), r.out());
        assertTrue(r.err().contains("jkboot: /boot/loader.conf:4: malformed line, skipped"), r.err());
    }

    @Test
    void withNoSubcommandJkbootSearchesTheHostsDisks() throws Exception {
        Path root = shared.resolve("host-with-disk");
        try (Stream<Path> files = Files.walk(Path.of(host))) {
            for (Path p : files.toList()) {
                Path to = root.resolve(Path.of(host).relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        FakeHost fake = new FakeHost(root);
        fake.disk("vdc", Files.size(image), 512, "freebsd-root", "254:32");
        Files.copy(image, fake.node("vdc"));

        CliRun r = CliRun.of("--dry-run", "--host-root", root.toString());
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.err().contains("jkboot: FreeBSD root: /dev/vdc:2 (2 freebsd-ufs \"rootfs\""), r.err());
        assertTrue(r.err().contains("jkboot: passed over: /dev/vda (3072 KiB, serial \"beta\") skipped: smaller "
                + "than 16 MiB"), r.err());
        assertTrue(r.out().contains("  vfs.root.mountfrom=ufs:/dev/vtbd0p2\n"), r.out());
    }

    @Test
    void variablesOnTheCommandLineAreSetBeforeLoaderConf() {
        CliRun r = CliRun.of("--dry-run", "--host-root", host, "--root", tree.toString(),
                "hw.answer=42", "boot_verbose=YES", "hw.jktest=overridden-by-loader.conf");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.out().contains("  hw.answer=42\n"), r.out());
        assertTrue(r.out().contains("MODINFOMD_HOWTO        0x802 (RB_SINGLE|RB_VERBOSE)"), r.out());
        assertTrue(r.out().contains("  hw.jktest=from-loader.conf\n"), r.out());
    }

    @Test
    void aWordThatIsNeitherSubcommandNorVariableIsRefusedBeforeAnythingIsRead() {
        CliRun r = CliRun.of("prob");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("'prob' is neither a subcommand nor NAME=VALUE"), r.err());
        assertTrue(!r.err().contains("jkboot: error:"), "no preflight ran: " + r.err());
    }

    @Test
    void unknownOptionsStayErrors() {
        CliRun r = CliRun.of("--no-such-option");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
    }

    @Test
    void rootAndDiskExcludeEachOther() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--root", tree.toString(), "--disk", "/dev/vda:2");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void withoutDryRunACapturedHostIsNeverBooted() {
        CliRun r = CliRun.of("autoboot", "--host-root", host, "--disk", image.toString());
        assertEquals(ExitStatus.KEXEC, r.status(), r.err());
        assertTrue(r.err().startsWith("jkboot: error: "), r.err());
        assertEquals("", r.out());
    }
}
