package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.autoboot.FreeBsdFixture;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.elf.ElfException;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.RecordingSyscalls;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostRoot;
import dev.jkboot.loaderconf.LoaderConfException;
import dev.jkboot.menu.MenuChoice;
import dev.jkboot.tpm.FakeTpm;
import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.TpmPolicy;
import dev.jkboot.verify.VerifyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow on fixtures: a captured host, a FreeBSD root as a directory or a UFS2 disk image,
 * the console answered by the test and kexec faked ({@link RecordingSyscalls}): nothing is loaded
 * or rebooted on the machine running the tests.
 */
class AutobootFlowTest {
    static final String LOADER_CONF = """
            testmod_load="YES"
            testmod_flags="answer=42"
            boot_single="YES"
            this line is broken
            autoboot_delay="2"
            hw.jktest="from-loader.conf"
            """;

    @TempDir static Path shared;
    static Path tree;
    static Path image;
    static HostDescription host;

    /** These tests fake kexec, so they must not touch the machine's TPM either. */
    static final MeasuredBoot MEASURED_BOOT_OFF = new MeasuredBoot(TpmPolicy.OFF, Optional::empty,
            Path.of("unused"), m -> { });

    final List<String> log = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final RecordingSyscalls kexec = new RecordingSyscalls();
    int runnersCreated;

    @BeforeAll
    static void fixtures() throws Exception {
        tree = FreeBsdFixture.tree(shared.resolve("tree"), LOADER_CONF);
        image = FreeBsdFixture.disk(tree, shared.resolve("freebsd.img"));
        host = HostDescription.read(new HostRoot(Path.of(CliRun.hostFixture("direct-2g"))), "aarch64");
    }

    private AutobootFlow flow(RootLocation where, boolean dryRun, AutobootFlow.Prompt prompt) {
        return flow(where, dryRun, prompt, MEASURED_BOOT_OFF);
    }

    private AutobootFlow flow(RootLocation where, boolean dryRun, AutobootFlow.Prompt prompt, MeasuredBoot measured) {
        return new AutobootFlow(host, where, Map.of("hw.preset", "from-the-command-line"), VerifyPolicy.off(), dryRun,
                new TrampolineSwitches(), prompt, archFlag -> {
            assertEquals(FreeBsdArm64.KEXEC_ARCH_AARCH64, archFlag);
            runnersCreated++;
            return new KexecRunner(kexec, false, log::add);
        }, measured, Optional.of(size -> new byte[size]), new PrintStream(out, true, StandardCharsets.UTF_8), log::add);
    }

    private static AutobootFlow.Prompt answer(MenuChoice choice) {
        return (config, environments) -> Optional.of(choice);
    }

    private String plan() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String log() {
        return String.join("\n", log);
    }

    @Test
    void aDryRunOfADirectoryRootPrintsThePlanOfTheConfiguredBoot() throws Exception {
        assertEquals(ExitStatus.OK, flow(new RootLocation.Directory(tree), true, null).run());
        String plan = plan();
        assertTrue(plan.contains("elf kernel     VA 0xffff000000000000"), plan);
        assertTrue(plan.contains("/boot/kernel/testmod.ko [answer=42]"), plan);
        assertTrue(plan.contains("MODINFO_ARGS           \"answer=42\""), plan);
        assertTrue(plan.contains("MODINFOMD_HOWTO        0x2 (RB_SINGLE)"), plan);
        assertTrue(plan.contains("  vfs.root.mountfrom=ufs:/dev/vtbd0p2\n"), plan);
        assertTrue(plan.contains("  hw.jktest=from-loader.conf\n"), plan);
        assertTrue(plan.contains("  hw.preset=from-the-command-line\n"), plan);
        assertTrue(plan.contains("  kernelname=/boot/kernel/kernel\n"), plan);
        assertTrue(plan.contains("  currdev=host:/\n"), plan);
        assertTrue(plan.contains("  loaddev=host:/\n"), plan);
        assertTrue(plan.contains("  hostfs_root=" + tree.toAbsolutePath().normalize() + "\n"), plan);
        assertTrue(plan.contains("boot_entropy_platform"), "platform entropy is planned: " + plan);
        assertEquals(0, runnersCreated);
    }

    @Test
    void aBrokenLineIsReportedWithFileAndLineAndSkipped() throws Exception {
        flow(new RootLocation.Directory(tree), true, null).run();
        assertTrue(log.contains("/boot/loader.conf:4: malformed line, skipped: 'this line is broken' "
                + "(expected name=\"value\", name=word or a # comment)"), log());
        assertTrue(plan().contains("  autoboot_delay=2\n"), "the lines after it still count");
    }

    @Test
    void aDryRunOfADiskImageReadsKernelAndModuleFromUfs() throws Exception {
        RootLocation disk = new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString())));
        assertEquals(ExitStatus.OK, flow(disk, true, null).run());
        assertTrue(log.get(0).startsWith("FreeBSD root: " + image + ":2 (2 freebsd-ufs \"rootfs\""), log());
        assertTrue(log.contains("kernel /boot/kernel/kernel, /boot/kernel/testmod.ko [answer=42], howto 0x2 "
                + "(RB_SINGLE), root ufs:/dev/vtbd0p2"), log());
        String plan = plan();
        assertTrue(plan.contains("elf module     VA 0xffff000000005000 PA 0x40005000 size 9224  "
                + "/boot/kernel/testmod.ko [answer=42]"), plan);
    }

    @Test
    void aBootLoadsThroughKexecAndJumpsOnlyAfterTheLoad() throws Exception {
        AutobootFlow f = flow(new RootLocation.Directory(tree), false, (config, environments) -> Optional.empty());
        KexecException e = assertThrows(KexecException.class, f::run);
        assertTrue(e.getMessage().startsWith("reboot(LINUX_REBOOT_CMD_KEXEC) returned EINVAL"), e.getMessage());
        assertEquals(List.of("load", "sync", "counter", "reboot", "unload"), kexec.calls);
        assertEquals("", plan(), "a boot prints no plan on stdout");
    }

    @Test
    void anAutobootFromTheUfsDiskMeasuresTheFilesItReadThere(@TempDir Path logDir) throws Exception {
        FakeTpm tpm = FakeTpm.sha1AndSha256();
        MeasuredBoot measured = new MeasuredBoot(TpmPolicy.REQUIRE, () -> Optional.of(tpm),
                logDir.resolve("log.bin"), log::add);
        RootLocation disk = new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString())));
        assertThrows(KexecException.class, flow(disk, false, (config, environments) -> Optional.empty(), measured)::run);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] pcr = new byte[32];
        for (String file : List.of("boot/kernel/kernel", "boot/kernel/testmod.ko")) {
            byte[] digest = sha.digest(Files.readAllBytes(tree.resolve(file)));
            assertTrue(log.contains("measured into PCR 9: sha256:" + HexFormat.of().formatHex(digest) + " /" + file),
                    log());
            sha.update(pcr);
            pcr = sha.digest(digest);
        }
        assertArrayEquals(pcr, tpm.pcr(0x000B, 9), "the bytes read from UFS2 are the files' bytes");
        assertEquals(List.of("load", "sync", "counter", "reboot", "unload"), kexec.calls);
    }

    @Test
    void theMenuChoiceReachesThePlanHandedToKexec() {
        kexec.loadResult = -22; // EINVAL: the refusal quotes the plan it was given
        AutobootFlow f = flow(new RootLocation.Directory(tree), false,
                answer(new MenuChoice.Boot("kernel", new Howto(Howto.RB_VERBOSE))));
        KexecException e = assertThrows(KexecException.class, f::run);
        assertTrue(e.getMessage().contains("MODINFOMD_HOWTO        0x800 (RB_VERBOSE)"), e.getMessage());
        assertFalse(e.getMessage().contains("boot_single=YES"), "single user was turned off in the menu");
        assertTrue(e.getMessage().contains("  boot_verbose=YES\n"), e.getMessage());
        assertEquals(List.of("load"), kexec.calls, "no jump after a refused load");
    }

    @Test
    void anotherKernelChosenInTheMenuIsLookedUpAgain() throws Exception {
        kexec.loadResult = -22;
        AutobootFlow f = flow(new RootLocation.Directory(tree), false,
                answer(new MenuChoice.Boot("kernel.old", new Howto(Howto.RB_SINGLE))));
        KexecException e = assertThrows(KexecException.class, f::run);
        assertTrue(e.getMessage().contains("MODINFO_NAME           \"/boot/kernel.old/kernel\""), e.getMessage());
        assertTrue(log.contains("kernel /boot/kernel.old/kernel, no modules, howto 0x2 (RB_SINGLE), "
                + "root ufs:/dev/vtbd0p2"), "kernel.old holds no testmod.ko: " + log());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("/boot/loader.conf:1: cannot find testmod")), log());
    }

    @Test
    void escapingToAShellLoadsNothing() throws Exception {
        assertEquals(ExitStatus.OK, flow(new RootLocation.Directory(tree), false, answer(new MenuChoice.Shell())).run());
        assertEquals(0, runnersCreated);
        assertTrue(kexec.calls.isEmpty());
        assertTrue(log.contains("escaping to a shell, as chosen in the boot menu; nothing was loaded"), log());
    }

    @Test
    void aKernelThatIsNotElfStopsBeforeKexecIsTouched() throws Exception {
        Path bad = FreeBsdFixture.tree(shared.resolve("bad"), LOADER_CONF);
        Files.writeString(bad.resolve("boot/kernel/kernel"), "not an ELF file");
        assertThrows(ElfException.class, () -> flow(new RootLocation.Directory(bad), false,
                (config, environments) -> Optional.empty()).run());
        assertEquals(0, runnersCreated);
    }

    @Test
    void aRootWithoutKernelSaysWhatWasTried() throws Exception {
        Path empty = Files.createDirectories(shared.resolve("empty/boot/defaults"));
        Files.writeString(empty.resolve("loader.conf"), FreeBsdFixture.DEFAULTS);
        LoaderConfException e = assertThrows(LoaderConfException.class,
                () -> flow(new RootLocation.Directory(shared.resolve("empty")), true, null).run());
        assertTrue(e.getMessage().contains("tried /boot/kernel/kernel.ko, /boot/kernel/kernel"), e.getMessage());
    }
}
