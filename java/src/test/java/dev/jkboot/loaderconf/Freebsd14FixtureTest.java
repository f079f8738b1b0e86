package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.freebsd.Howto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** End to end over a FreeBSD-14-shaped root tree (test resources loaderconf/freebsd14). */
class Freebsd14FixtureTest {
    /** kboot sets no howto bit for the console=comconsole of a FreeBSD install, and jkboot says so. */
    private static final ConfigProblem CONSOLE_NOTE = new ConfigProblem("/boot/loader.conf", 3, "console=\"comconsole\" "
            + "sets no RB_SERIAL (set boot_serial=\"YES\" for it): kboot's only console is Linux's, and jkboot does as "
            + "kboot");

    private static final Path ROOT = Path.of(System.getProperty("jkboot.repo.dir", "."),
            "java/src/test/resources/loaderconf/freebsd14");

    private static LoaderConfig boot(Optional<String> kernel) throws LoaderConfException {
        DirectoryBootFiles files = new DirectoryBootFiles(ROOT);
        return LoaderConfReader.read(files, Map.of("currdev", "disk0p2:")).resolve(files, kernel);
    }

    @Test
    void theWholeBootAsFreeBsdWouldDoIt() throws Exception {
        LoaderConfig config = boot(Optional.empty());
        assertEquals("kernel", config.kernel());
        assertEquals("/boot/kernel/kernel", config.kernelPath());
        assertEquals(Optional.empty(), config.kernelArgs());
        assertEquals(List.of("kernel", "kernel.old"), config.kernels());
        assertEquals(List.of(
                new ModuleFile("entropy_cache", "/boot/entropy", Optional.of("boot_entropy_cache"), Optional.empty()),
                new ModuleFile("nvme", "/boot/kernel/nvme.ko", Optional.empty(), Optional.empty(), Optional.of("nvme"))),
                config.modules());
        assertEquals(Howto.RB_VERBOSE, config.howto().bits(), "console=comconsole sets no bit under kboot");
        assertEquals(AutobootDelay.countdown(5), config.autobootDelay());
        assertEquals("comconsole", config.console());
        assertEquals(Optional.of("ufs:/dev/gpt/rootfs"), config.rootMountFrom());
        assertEquals(List.of(new ConfigProblem("/boot/defaults/loader.conf", 18, "cannot find /etc/hostid for "
                + "hostuuid_load=\"YES\"; tried /etc/hostid; skipped"), CONSOLE_NOTE), config.problems());
    }

    @Test
    void theKernelEnvironmentIsEverythingSetSortedByName() throws Exception {
        Map<String, String> expected = new java.util.TreeMap<>();
        expected.putAll(Map.ofEntries(
                Map.entry("autoboot_delay", "5"),
                Map.entry("boot_verbose", "YES"),
                Map.entry("bootenv_autolist", "YES"),
                Map.entry("bootfile", "kernel"),
                Map.entry("comconsole_speed", "115200"),
                Map.entry("console", "comconsole"),
                Map.entry("cpu_microcode_load", "NO"),
                Map.entry("cpu_microcode_name", "/boot/firmware/ucode.bin"),
                Map.entry("cpu_microcode_type", "cpu_microcode"),
                Map.entry("currdev", "disk0p2:"),
                Map.entry("debug.acpi.disabled", "hostres"),
                Map.entry("entropy_cache_load", "YES"),
                Map.entry("entropy_cache_name", "/boot/entropy"),
                Map.entry("entropy_cache_type", "boot_entropy_cache"),
                Map.entry("hostuuid_load", "YES"),
                Map.entry("hostuuid_name", "/etc/hostid"),
                Map.entry("hostuuid_type", "hostuuid"),
                Map.entry("hw.usb.template", "3"),
                Map.entry("kern.cam.boot_delay", "10000"),
                Map.entry("kernel", "kernel"),
                Map.entry("kernel_options", ""),
                Map.entry("kernel_path", "/boot/kernel"),
                Map.entry("kernelname", "/boot/kernel/kernel"),
                Map.entry("kernels_autodetect", "YES"),
                Map.entry("loader_conf_dirs", "/boot/loader.conf.d"),
                Map.entry("local_loader_conf_files", "/boot/loader.conf.local"),
                Map.entry("module_blacklist", "drm drm2 radeonkms i915kms amdgpu"),
                Map.entry("module_path", "/boot/kernel;/boot/modules;/boot/dtb;/boot/dtb/overlays"),
                Map.entry("nextboot_conf", "/boot/nextboot.conf"),
                Map.entry("nvme_load", "YES"),
                Map.entry("verbose_loading", "NO"),
                Map.entry("vfs.root.mountfrom", "ufs:/dev/gpt/rootfs"),
                Map.entry("vfs.root.mountfrom.options", "rw")));
        LoaderConfig config = boot(Optional.empty());
        assertEquals(expected, config.environment());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(config.environment().keySet()));
    }

    @Test
    void theOldKernelFromTheMenu() throws Exception {
        LoaderConfig config = boot(Optional.of("kernel.old"));
        assertEquals("/boot/kernel.old/kernel", config.kernelPath());
        assertEquals("/boot/kernel.old;/boot/modules;/boot/dtb;/boot/dtb/overlays", config.environment().get("module_path"));
        assertEquals(List.of(new ConfigProblem("/boot/defaults/loader.conf", 18, "cannot find /etc/hostid for "
                        + "hostuuid_load=\"YES\"; tried /etc/hostid; skipped"),
                new ConfigProblem("/boot/loader.conf", 5, "cannot find nvme for nvme_load=\"YES\"; tried "
                        + "/boot/kernel.old/nvme.ko, /boot/kernel.old/nvme, /boot/kernel.old/nvme.debug, "
                        + "/boot/modules/nvme.ko, /boot/modules/nvme, /boot/modules/nvme.debug, /boot/dtb/nvme.ko, "
                        + "/boot/dtb/nvme, /boot/dtb/nvme.debug, /boot/dtb/overlays/nvme.ko, /boot/dtb/overlays/nvme, "
                        + "/boot/dtb/overlays/nvme.debug; skipped"), CONSOLE_NOTE),
                config.problems());
    }
}
