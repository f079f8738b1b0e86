package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.autoboot.FreeBsdFixture;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.RecordingSyscalls;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostRoot;
import dev.jkboot.verify.VerifyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FreeBSD root whose loader.conf loads memory disks through links that try to leave it, booted
 * (with kexec faked) from a directory and from a UFS2 disk: the bytes handed to kexec_load, as
 * Linux would read them, hold the files inside the root and never the host's file next to it.
 */
class UntrustedRootTest {
    static final String LOADER_CONF = """
            abs_load="YES"
            abs_type="md_image"
            abs_name="/boot/images/absolute.img"
            rel_load="YES"
            rel_type="md_image"
            rel_name="/boot/images/climbing.img"
            chain_load="YES"
            chain_type="md_image"
            chain_name="/boot/images/chain.img"
            proc_load="YES"
            proc_type="md_image"
            proc_name="/boot/images/proc.img"
            dev_load="YES"
            dev_type="md_image"
            dev_name="/boot/images/dev.img"
            """;

    @TempDir static Path shared;
    static Path tree;
    static Path disk;
    static String hostSecret;
    static HostDescription host;

    final List<String> log = new ArrayList<>();
    final RecordingSyscalls kexec = new RecordingSyscalls();

    @BeforeAll
    static void fixtures() throws Exception {
        hostSecret = "HOST-SECRET-" + UUID.randomUUID();
        Path secret = shared.resolve("outside/secret.txt");
        write(secret, hostSecret);
        tree = FreeBsdFixture.tree(shared.resolve("tree"), LOADER_CONF);
        write(tree.resolve(secret.toString().substring(1)), "INSIDE-ABSOLUTE");
        write(tree.resolve("outside/secret.txt"), "INSIDE-CLIMBED");
        write(tree.resolve("proc/self/environ"), "INSIDE-PROC");
        Path images = Files.createDirectories(tree.resolve("boot/images"));
        Files.createSymbolicLink(images.resolve("absolute.img"), secret);
        Files.createSymbolicLink(images.resolve("climbing.img"), Path.of("../".repeat(10) + "outside/secret.txt"));
        Files.createSymbolicLink(images.resolve("chain.img"), Path.of("chain1/secret.txt"));
        Files.createSymbolicLink(images.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(images.resolve("chain2"), secret.getParent());
        Files.createSymbolicLink(images.resolve("proc.img"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(images.resolve("dev.img"), Path.of("/dev/zero"));
        disk = FreeBsdFixture.disk(tree, shared.resolve("freebsd.img"));
        host = HostDescription.read(new HostRoot(Path.of(CliRun.hostFixture("direct-2g"))), "aarch64");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Boots with kexec faked, and returns every byte the fake kernel was given, segment after segment. */
    private String bootAndCollect(RootLocation where) throws Exception {
        AutobootFlow flow = new AutobootFlow(host, where, Map.of(), VerifyPolicy.off(), false, new TrampolineSwitches(),
                (config, environments) -> Optional.empty(), archFlag -> new KexecRunner(kexec, false, log::add),
                AutobootFlowTest.MEASURED_BOOT_OFF, Optional.of(size -> new byte[size]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), log::add);
        assertThrows(KexecException.class, flow::run, "the fake kernel's reboot returns, which is an error");
        assertEquals(1, kexec.loads.size());
        StringBuilder all = new StringBuilder();
        for (RecordingSyscalls.Segment s : kexec.loads.get(0).segments()) {
            all.append(new String(s.memory(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    private void expectConfined(String loaded) {
        assertFalse(loaded.contains(hostSecret), "the host's file reached the image");
        assertTrue(loaded.contains("INSIDE-ABSOLUTE"), "an absolute link starts at the root of the tree");
        assertTrue(loaded.contains("INSIDE-CLIMBED"), "'..' stops at the root of the tree");
        assertEquals(2, loaded.split("INSIDE-ABSOLUTE", -1).length - 1,
                "the chain through a link to the host's directory leads to the same file inside");
        assertTrue(loaded.contains("INSIDE-PROC"), "/proc is the tree's own");
        assertTrue(log.stream().anyMatch(l -> l.contains("cannot find /boot/images/dev.img for dev_load")),
                String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("kernel /boot/kernel/kernel, /boot/images/absolute.img, "
                + "/boot/images/climbing.img, /boot/images/chain.img, /boot/images/proc.img, howto")), log.toString());
    }

    @Test
    void aDirectoryRootLoadsOnlyFilesInsideIt() throws Exception {
        expectConfined(bootAndCollect(new RootLocation.Directory(tree)));
    }

    @Test
    void aUfsRootLoadsOnlyFilesInsideIt() throws Exception {
        expectConfined(bootAndCollect(new RootLocation.Disks(Optional.of(DiskSpec.parse(disk.toString())))));
    }
}
