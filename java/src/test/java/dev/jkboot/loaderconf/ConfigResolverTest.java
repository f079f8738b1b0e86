package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.freebsd.Howto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {
    private static final String DEFAULTS = """
            kernel="kernel"
            bootfile="kernel"
            module_path="/boot/modules;/boot/dtb;/boot/dtb/overlays"
            module_blacklist="drm drm2 radeonkms i915kms amdgpu"
            """;
    private static final String FSTAB = "/dev/vtbd0p2\t/\tufs\trw\t1\t1\n";

    /** A root with a kernel, an fstab and the given defaults file. */
    private static MemoryBootFiles root(String defaults) {
        return new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", defaults)
                .file("/boot/kernel/kernel", "ELF")
                .file("/etc/fstab", FSTAB);
    }

    private static LoaderConfig resolve(MemoryBootFiles files) throws LoaderConfException {
        return resolve(files, Optional.empty());
    }

    private static LoaderConfig resolve(MemoryBootFiles files, Optional<String> kernel) throws LoaderConfException {
        return LoaderConfReader.read(files, Map.of()).resolve(files, kernel);
    }

    @Test
    void theDefaultKernelAndWhatTheLoaderAddsToTheEnvironment() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS));
        assertEquals("kernel", config.kernel());
        assertEquals("/boot/kernel/kernel", config.kernelPath());
        assertEquals("/boot/kernel/kernel", config.environment().get("kernelname"));
        assertEquals("/boot/kernel;/boot/modules;/boot/dtb;/boot/dtb/overlays", config.environment().get("module_path"));
        assertEquals("/boot/kernel", config.environment().get("kernel_path"));
        assertEquals(Optional.empty(), config.kernelArgs());
    }

    @Test
    void aKernelDotKoIsPreferredToThePlainName() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS).file("/boot/kernel/kernel.ko", "ELF"));
        assertEquals("/boot/kernel/kernel.ko", config.kernelPath());
    }

    @Test
    void anotherKernelDirectoryChosenByTheMenu() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS).file("/boot/kernel.old/kernel", "ELF"), Optional.of("kernel.old"));
        assertEquals("kernel.old", config.kernel());
        assertEquals("/boot/kernel.old/kernel", config.kernelPath());
        assertEquals("/boot/kernel.old;/boot/modules;/boot/dtb;/boot/dtb/overlays",
                config.environment().get("module_path"));
        assertEquals("kernel", config.environment().get("kernel"), "the menu choice does not rewrite kernel");
    }

    @Test
    void bootfileNamesAreTriedInOrderThenKernel() throws Exception {
        MemoryBootFiles files = root(DEFAULTS.replace("bootfile=\"kernel\"", "bootfile=\"missing;kernel.debug \""))
                .file("/boot/kernel/kernel.debug", "ELF");
        assertEquals("/boot/kernel/kernel.debug", resolve(files).kernelPath());
    }

    @Test
    void kernelMayBeAnAbsoluteDirectory() throws Exception {
        LoaderConfig config = resolve(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "kernel=\"/boot/test\"\nvfs.root.mountfrom=\"ufs:x\"\n")
                .file("/boot/test/kernel", "ELF"));
        assertEquals("/boot/test/kernel", config.kernelPath());
        assertEquals("/boot/test", config.environment().get("module_path"),
                "with module_path unset the loader leaves it at the kernel directory");
        assertFalse(config.environment().containsKey("kernel_path"));
    }

    @Test
    void kernelMayBeAFile() throws Exception {
        LoaderConfig config = resolve(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "kernel=\"/boot/mykernel\"\nvfs.root.mountfrom=\"ufs:x\"\n")
                .file("/boot/mykernel", "ELF"));
        assertEquals("/boot/mykernel", config.kernelPath());
    }

    @Test
    void withKernelUnsetTheBootfileIsSearchedAlongModulePath() throws Exception {
        LoaderConfig config = resolve(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "vfs.root.mountfrom=\"ufs:x\"\n")
                .file("/boot/modules/kernel", "ELF"));
        assertEquals("", config.kernel());
        assertEquals("/boot/modules/kernel", config.kernelPath());
    }

    @Test
    void noKernelAnywhereIsFatalAndSaysWhereItLooked() {
        MemoryBootFiles files = new MemoryBootFiles().file("/boot/defaults/loader.conf", "kernel=\"kernel\"\n");
        LoaderConfException e = assertThrows(LoaderConfException.class, () -> resolve(files));
        assertEquals(ExitStatus.INPUT, e.exitStatus());
        assertTrue(e.getMessage().startsWith("no kernel file for kernel=\"kernel\" (set at /boot/defaults/loader.conf:1)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("/boot/kernel/kernel.ko, /boot/kernel/kernel, /boot/kernel/kernel.debug, "
                + "/kernel/kernel.ko"), e.getMessage());
        assertTrue(e.fix().contains("kernel="), e.fix());
    }

    @Test
    void aMenuChoiceWithoutAKernelSaysItCameFromTheMenu() {
        LoaderConfException e = assertThrows(LoaderConfException.class,
                () -> resolve(root(DEFAULTS), Optional.of("kernel.gone")));
        assertTrue(e.getMessage().startsWith("no kernel file for kernel=\"kernel.gone\" (chosen in the boot menu); "
                + "tried /boot/kernel.gone/kernel.ko"), e.getMessage());
    }

    @Test
    void fdtOverlaysAreFoundAlongModulePathWithOrWithoutDtboAndComeAfterTheModules() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + """
                module_path="/boot/kernel;/boot/modules;/boot/dtb;/boot/dtb/overlays"
                fdt_overlays="uart,/boot/custom/i2c.dtbo,,missing"
                zfs_load="YES"
                """)
                .file("/boot/kernel/zfs.ko", "ELF")
                .file("/boot/dtb/overlays/uart.dtbo", "DTBO")
                .file("/boot/custom/i2c.dtbo", "DTBO"));
        assertEquals(List.of(
                new ModuleFile("zfs", "/boot/kernel/zfs.ko", Optional.empty(), Optional.empty(), Optional.of("zfs")),
                new ModuleFile("fdt_overlays", "/boot/dtb/overlays/uart.dtbo", Optional.of("dtbo"), Optional.empty()),
                new ModuleFile("fdt_overlays", "/boot/custom/i2c.dtbo", Optional.of("dtbo"), Optional.empty())),
                config.modules());
        ConfigProblem missing = config.problems().stream().filter(p -> p.message().contains("missing")).findFirst()
                .orElseThrow();
        assertEquals("/boot/defaults/loader.conf", missing.file(), "where fdt_overlays was set");
        assertTrue(missing.message().startsWith("cannot find the DTB overlay missing of fdt_overlays; tried "
                + "/boot/kernel/missing, "), missing.message());
        assertTrue(missing.message().endsWith("/boot/dtb/overlays/missing.dtbo; skipped"), missing.message());
    }

    @Test
    void modulesAreFoundAlongModulePathInOrder() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + """
                zfs_load="YES"
                nvme_load="yes"
                off_load="NO"
                both_load="YES"
                """)
                .file("/boot/kernel/zfs.ko", "ELF")
                .file("/boot/modules/nvme", "ELF")
                .file("/boot/modules/off.ko", "ELF")
                .file("/boot/kernel/both.ko", "ELF")
                .file("/boot/modules/both.ko", "ELF"));
        assertEquals(List.of(
                new ModuleFile("zfs", "/boot/kernel/zfs.ko", Optional.empty(), Optional.empty(), Optional.of("zfs")),
                new ModuleFile("nvme", "/boot/modules/nvme", Optional.empty(), Optional.empty(), Optional.of("nvme")),
                new ModuleFile("both", "/boot/kernel/both.ko", Optional.empty(), Optional.empty(), Optional.of("both"))),
                config.modules());
    }

    @Test
    void moduleNameTypeAndFlags() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + """
                mfsroot_load="YES"
                mfsroot_type="md_image"
                mfsroot_name="/boot/root.img"
                hostuuid_load="YES"
                hostuuid_name="/etc/hostid"
                hostuuid_type="hostuuid"
                wifi_load="YES"
                wifi_name="if_iwm"
                wifi_flags="  debug=1   verbose "
                """)
                .file("/boot/root.img", "IMG")
                .file("/etc/hostid", "uuid")
                .file("/boot/kernel/if_iwm.ko", "ELF"));
        assertEquals(List.of(
                new ModuleFile("mfsroot", "/boot/root.img", Optional.of("md_image"), Optional.empty()),
                new ModuleFile("hostuuid", "/etc/hostid", Optional.of("hostuuid"), Optional.empty()),
                new ModuleFile("wifi", "/boot/kernel/if_iwm.ko", Optional.empty(), Optional.of("debug=1 verbose"),
                        Optional.of("if_iwm"))),
                config.modules());
    }

    @Test
    void aModuleNameIsLookedUpInLinkerHintsFirst() throws Exception {
        // Version 1, then one 28-byte MDT_VERSION record (kldxref's layout): name "bridgestp" (length byte, 9
        // bytes, 2 bytes of padding to offset 24), version 1, file "bstp.ko".
        byte[] hints = {1, 0, 0, 0, 28, 0, 0, 0, 3, 0, 0, 0, 9, 'b', 'r', 'i', 'd', 'g', 'e', 's', 't', 'p', 0, 0,
                1, 0, 0, 0, 7, 'b', 's', 't', 'p', '.', 'k', 'o'};
        LoaderConfig config = resolve(root(DEFAULTS + "bridgestp_load=\"YES\"\n")
                .file("/boot/kernel/linker.hints", hints)
                .file("/boot/kernel/bstp.ko", "ELF")
                .file("/boot/modules/bridgestp.ko", "ELF"));
        assertEquals(List.of(new ModuleFile("bridgestp", "/boot/kernel/bstp.ko", Optional.empty(), Optional.empty(),
                Optional.of("bridgestp"))), config.modules());
    }

    @Test
    void aLinkerHintsOfAnotherVersionIsReportedAndModulesFoundByName() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "bridgestp_load=\"YES\"\n")
                .file("/boot/kernel/linker.hints", new byte[] {2, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0})
                .file("/boot/modules/bridgestp.ko", "ELF"));
        assertEquals("/boot/modules/bridgestp.ko", config.modules().get(0).path());
        assertTrue(config.problems().stream().anyMatch(p -> p.message().contains(
                "/boot/kernel/linker.hints has version 2; FreeBSD's loader reads only version 1")), config.problems().toString());
    }

    @Test
    void rawFilesAreLookedUpByTheirExactName() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "splash_load=\"YES\"\nsplash_type=\"splash_image_data\"\n")
                .file("/boot/kernel/splash.ko", "ELF"));
        assertEquals(List.of(), config.modules());
        assertEquals(new ConfigProblem("/boot/defaults/loader.conf", 5, "cannot find splash for splash_load=\"YES\"; "
                + "tried /boot/kernel/splash, /boot/modules/splash, /boot/dtb/splash, /boot/dtb/overlays/splash; skipped"),
                config.problems().get(0));
    }

    @Test
    void aMissingModuleIsAProblemWithItsLineAndTheBootGoesOn() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "\n\nnope_load=\"YES\"\n"));
        assertEquals(List.of(), config.modules());
        ConfigProblem p = config.problems().get(0);
        assertEquals("/boot/defaults/loader.conf", p.file());
        assertEquals(7, p.line());
        assertTrue(p.message().startsWith("cannot find nope for nope_load=\"YES\"; tried /boot/kernel/nope.ko, "
                + "/boot/kernel/nope, /boot/kernel/nope.debug, /boot/modules/nope.ko"), p.message());
    }

    @Test
    void aMissingMfsRootIsFatal() {
        MemoryBootFiles files = root(DEFAULTS + "mfsroot_load=\"YES\"\nmfsroot_type=\"mfs_root\"\n");
        LoaderConfException e = assertThrows(LoaderConfException.class, () -> resolve(files));
        assertTrue(e.getMessage().startsWith("/boot/defaults/loader.conf:5: cannot find mfsroot"), e.getMessage());
    }

    @Test
    void blacklistedModulesAreSkippedWithAProblem() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "i915kms_load=\"YES\"\n").file("/boot/modules/i915kms.ko", "ELF"));
        assertEquals(List.of(), config.modules());
        assertEquals(new ConfigProblem("/boot/defaults/loader.conf", 5,
                "i915kms is in module_blacklist (set at /boot/defaults/loader.conf:4); not loaded"), config.problems().get(0));
    }

    @Test
    void rootFromFstabWhenVfsRootMountfromIsUnset() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS));
        assertEquals(Optional.of("ufs:/dev/vtbd0p2"), config.rootMountFrom());
        assertEquals("rw", config.environment().get("vfs.root.mountfrom.options"));
        assertEquals(List.of(), config.problems());
    }

    @Test
    void loaderConfRootWinsOverFstabAndOptionsAreKept() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "vfs.root.mountfrom=\"zfs:zroot/ROOT/default\"\n"));
        assertEquals(Optional.of("zfs:zroot/ROOT/default"), config.rootMountFrom());
        assertFalse(config.environment().containsKey("vfs.root.mountfrom.options"));
        LoaderConfig withOptions = resolve(root(DEFAULTS + "vfs.root.mountfrom.options=\"ro\"\n"));
        assertEquals(Optional.of("ufs:/dev/vtbd0p2"), withOptions.rootMountFrom());
        assertEquals("ro", withOptions.environment().get("vfs.root.mountfrom.options"));
    }

    @Test
    void zfsCurrdevGivesTheRootWhenFstabDoesNot() throws Exception {
        MemoryBootFiles files = new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/kernel/kernel", "ELF");
        LoaderConfig config = LoaderConfReader.read(files, Map.of("currdev", "zfs:zroot/ROOT/default:"))
                .resolve(files, Optional.empty());
        assertEquals(Optional.of("zfs:zroot/ROOT/default"), config.rootMountFrom());
    }

    @Test
    void noRootAtAllIsAProblemNotAnError() throws Exception {
        LoaderConfig config = resolve(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/kernel/kernel", "ELF")
                .file("/etc/fstab", "# nothing\n/dev/vtbd0p3 none swap sw 0 0\n"));
        assertEquals(Optional.empty(), config.rootMountFrom());
        assertEquals("/etc/fstab", config.problems().get(0).file());
        assertTrue(config.problems().get(0).message().contains("mountroot>"));
    }

    @Test
    void howtoFromBootBooleansAndKernelOptionsButNotConsole() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + """
                boot_single="YES"
                boot_verbose="NO"
                console="comconsole"
                kernel_options="-v  -S115200 hw.x=1"
                """));
        assertEquals(Howto.RB_SINGLE | Howto.RB_VERBOSE, config.howto().bits(), "kboot sets no bit for console");
        assertEquals("comconsole", config.console());
        assertTrue(config.problems().stream().anyMatch(p -> p.message().equals("console=\"comconsole\" sets no "
                + "RB_SERIAL (set boot_serial=\"YES\" for it): kboot's only console is Linux's, and jkboot does as "
                + "kboot")), config.problems().toString());
        assertEquals(Optional.of("-v -S115200 hw.x=1"), config.kernelArgs());
        assertEquals("115200", config.environment().get("comconsole_speed"));
        assertEquals("1", config.environment().get("hw.x"));
    }

    @Test
    void autobootDelayAndItsProblem() throws Exception {
        assertEquals(AutobootDelay.DEFAULT, resolve(root(DEFAULTS)).autobootDelay());
        assertEquals(new AutobootDelay(AutobootDelay.Kind.NEVER, 0),
                resolve(root(DEFAULTS + "autoboot_delay=\"NO\"\n")).autobootDelay());
        LoaderConfig odd = resolve(root(DEFAULTS + "autoboot_delay=\"soon\"\n"));
        assertEquals(AutobootDelay.DEFAULT, odd.autobootDelay());
        assertEquals(new ConfigProblem("/boot/defaults/loader.conf", 5,
                "autoboot_delay=\"soon\" is not a number or NO; using 10 seconds as FreeBSD does"), odd.problems().get(0));
    }

    @Test
    void kernelChoicesDefaultFirstThenKernelsThenAutodetectedInNameOrder() throws Exception {
        MemoryBootFiles files = root(DEFAULTS + "kernels=\"kernel.test,kernel;kernel.gone\"\nkernels_autodetect=\"YES\"\n")
                .file("/boot/kernel.old/kernel", "ELF")
                .file("/boot/kernel.a/kernel", "ELF")
                .file("/boot/modules/kernel.ko", "not a kernel directory")
                .dir("/boot/empty");
        assertEquals(List.of("kernel", "kernel.test", "kernel.gone", "kernel.a", "kernel.old"),
                resolve(files).kernels());
        MemoryBootFiles noDetect = root(DEFAULTS + "kernels=\"kernel kernel.old\"\n").file("/boot/kernel.a/kernel", "");
        assertEquals(List.of("kernel", "kernel.old"), resolve(noDetect).kernels());
    }

    @Test
    void theEnvironmentIsSortedByName() throws Exception {
        LoaderConfig config = resolve(root("zzz=\"1\"\n" + DEFAULTS + "aaa=\"2\"\n"));
        List<String> names = List.copyOf(config.environment().keySet());
        List<String> sorted = names.stream().sorted().toList();
        assertEquals(sorted, names);
        assertEquals("aaa", names.get(0));
    }

    @Test
    void withHowtoKeepsTheBootBooleansInStep() throws Exception {
        LoaderConfig config = resolve(root(DEFAULTS + "boot_verbose=\"YES\"\nboot_serial=\"NO\"\n"));
        LoaderConfig changed = config.withHowto(config.howto().with(Howto.RB_SINGLE).without(Howto.RB_VERBOSE));
        assertEquals(Howto.RB_SINGLE, changed.howto().bits());
        assertEquals("YES", changed.environment().get("boot_single"));
        assertFalse(changed.environment().containsKey("boot_verbose"));
        assertEquals("NO", changed.environment().get("boot_serial"), "a clear bit with a 'no' value stays as it is");
    }
}
