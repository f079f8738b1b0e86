package dev.jkboot.autoboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.boot.BootRequest;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.loaderconf.AutobootDelay;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import dev.jkboot.loaderconf.LoaderConfig;
import dev.jkboot.loaderconf.ModuleFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredBootTest {
    private static final DirectoryBootFiles FILES = new DirectoryBootFiles(Path.of("/nonexistent-freebsd-root"));

    private static LoaderConfig config(List<ModuleFile> modules) {
        return new LoaderConfig("kernel", "/boot/kernel/kernel", Optional.empty(), List.of("kernel"), modules,
                Map.of("vfs.root.mountfrom", "ufs:/dev/vtbd0p2", "boot_single", "YES"), new Howto(Howto.RB_SINGLE),
                AutobootDelay.DEFAULT, List.of());
    }

    private static List<String> names(List<BootRequest.FileSpec> files) {
        return files.stream().map(f -> f.source().name()).toList();
    }

    @Test
    void kernelModulesEnvironmentAndHowtoComeFromTheConfiguration() {
        BootRequest r = ConfiguredBoot.request(config(List.of(
                new ModuleFile("testmod", "/boot/kernel/testmod.ko", Optional.empty(), Optional.of("answer=42")),
                new ModuleFile("md", "/boot/mfsroot", Optional.of("md_image"), Optional.empty()))), FILES);
        assertEquals("/boot/kernel/kernel", r.kernel().name());
        assertEquals(List.of("/boot/kernel/testmod.ko", "/boot/mfsroot"), names(r.files()));
        assertEquals(Optional.of("answer=42"), r.files().get(0).args());
        assertEquals(Optional.empty(), r.files().get(0).type());
        assertEquals(Optional.of("md_image"), r.files().get(1).type());
        assertEquals(Map.of("vfs.root.mountfrom", "ufs:/dev/vtbd0p2", "boot_single", "YES"), r.environment());
        assertEquals(new Howto(Howto.RB_SINGLE), r.switches());
        assertTrue(r.dtb().isEmpty());
        assertTrue(r.kernel() instanceof BootFileSource k && k.files() == FILES);
    }
}
