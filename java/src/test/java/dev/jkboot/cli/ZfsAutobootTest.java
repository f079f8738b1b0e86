package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.autoboot.ZfsFixture;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.RecordingSyscalls;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostRoot;
import dev.jkboot.menu.MenuChoice;
import dev.jkboot.verify.VerifyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoboot flow on a ZFS root zfs-fuse wrote (the zroot fixture in a freebsd-zfs GPT
 * partition): what FreeBSD's loader sets for a ZFS root reaches the kernel's environment, and a
 * boot environment chosen in the menu or on the command line boots with its own loader.conf.
 */
class ZfsAutobootTest {
    @TempDir static Path shared;
    static Path image;
    static String host;

    final List<String> log = new ArrayList<>();
    final RecordingSyscalls kexec = new RecordingSyscalls();

    @BeforeAll
    static void fixtures() throws Exception {
        image = ZfsFixture.disk(ZfsFixture.vdev("zroot", shared), shared.resolve("zroot-disk.img"), "zfs0");
        host = CliRun.hostFixture("direct-2g");
    }

    @Test
    void aDryRunBootsTheBootfsWithTheLoadersZfsVariables() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--host-root", host, "--disk", image.toString());
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.err().contains("jkboot: FreeBSD root: zfs:zroot/ROOT/default: (pool zroot on " + image + ":2)"),
                r.err());
        String plan = r.out();
        assertTrue(plan.contains("  currdev=zfs:zroot/ROOT/default:\n"), plan);
        assertTrue(plan.contains("  loaddev=zfs:zroot/ROOT/default:\n"), plan);
        assertTrue(plan.contains("  vfs.root.mountfrom=zfs:zroot/ROOT/default\n"), plan);
        assertTrue(plan.contains("  fixture.be=default\n"), plan);
        assertTrue(plan.contains("MODINFO_NAME           \"/boot/kernel/jktest.ko\""), plan);
    }

    @Test
    void loaderConfStillDecidesTheRootMount() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--host-root", host, "--disk", image.toString(),
                "vfs.root.mountfrom=zfs:zroot/ROOT/other");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.out().contains("  vfs.root.mountfrom=zfs:zroot/ROOT/other\n"), r.out());
        assertTrue(r.out().contains("  currdev=zfs:zroot/ROOT/default:\n"), r.out());
    }

    @Test
    void aDryRunCanNameABootEnvironment() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--host-root", host, "--disk", image.toString(), "--be", "alt");
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertTrue(r.out().contains("  fixture.be=alt\n"), r.out());
        assertTrue(r.out().contains("  vfs.root.mountfrom=zfs:zroot/ROOT/alt\n"), r.out());
        assertTrue(r.out().contains("  currdev=zfs:zroot/ROOT/alt:\n"), r.out());
    }

    @Test
    void aMissingBootEnvironmentIsAnErrorNotAnotherBoot() {
        CliRun r = CliRun.of("autoboot", "--dry-run", "--host-root", host, "--disk", image.toString(), "--be", "gone");
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("pool zroot has no dataset zroot/ROOT/gone"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBootEnvironmentNeedsAZfsRootAndOneNameForTheDataset() {
        CliRun root = CliRun.of("autoboot", "--dry-run", "--root", shared.toString(), "--be", "alt");
        assertEquals(ExitStatus.USAGE, root.status());
        assertTrue(root.err().contains("--be names a ZFS boot environment; --root is a directory"), root.err());
        CliRun both = CliRun.of("autoboot", "--dry-run", "--disk", "zfs:zroot/ROOT/default", "--be", "alt");
        assertEquals(ExitStatus.USAGE, both.status());
        assertTrue(both.err().contains("both name the dataset to boot"), both.err());
        CliRun bad = CliRun.of("autoboot", "--dry-run", "--disk", "zfs:/zroot");
        assertEquals(ExitStatus.INPUT, bad.status(), bad.err());
        assertTrue(bad.err().contains("\"zfs:/zroot\" is not a ZFS dataset name"), bad.err());
    }

    @Test
    void aBootEnvironmentChosenInTheMenuBootsItsOwnConfiguration() throws Exception {
        HostDescription desc = HostDescription.read(new HostRoot(Path.of(host)), "aarch64");
        RootLocation where = new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString())));
        MenuChoice alt = new MenuChoice.BootEnvironment("zroot/ROOT/alt", new Howto(Howto.RB_SINGLE));
        List<Object> offered = new ArrayList<>();
        AutobootFlow flow = new AutobootFlow(desc, where, Map.of(), VerifyPolicy.off(), false, new TrampolineSwitches(),
                (config, environments) -> {
                    offered.add(environments.names());
                    offered.add(environments.active());
                    return Optional.of(alt);
                }, archFlag -> new KexecRunner(kexec, false, log::add),
                AutobootFlowTest.MEASURED_BOOT_OFF, Optional.of(size -> new byte[size]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), log::add);
        assertThrows(KexecException.class, flow::run, "the fake kernel's reboot returns, which is an error");
        assertEquals(List.of(List.of("zroot/ROOT/alt", "zroot/ROOT/default"), "zroot/ROOT/default"), offered);
        assertTrue(log.contains("boot environment chosen in the boot menu: zfs:zroot/ROOT/alt: (pool zroot on "
                + image + ":2)"), log.toString());
        assertTrue(log.contains("kernel /boot/kernel/kernel, /boot/kernel/jktest.ko, howto 0x2 (RB_SINGLE), "
                + "root zfs:zroot/ROOT/alt"), log.toString());
        StringBuilder loaded = new StringBuilder();
        kexec.loads.get(0).segments().forEach(s -> loaded.append(new String(s.memory(), StandardCharsets.ISO_8859_1)));
        assertTrue(loaded.toString().contains("fixture.be=alt\0"), "alt's loader.conf reached the kernel");
        assertFalse(loaded.toString().contains("fixture.be=default"), "default's did not");
    }
}
