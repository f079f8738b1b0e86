package dev.jkboot.autoboot;

import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.LoaderConfig;
import dev.jkboot.loaderconf.ModuleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The boot a resolved loader.conf describes, as a request whose files come from the FreeBSD root. */
public final class ConfiguredBoot {
    /** The preload type FreeBSD's FDT support takes as the device tree to hand the kernel. */
    static final String DTB_TYPE = "dtb";

    private ConfiguredBoot() {}

    /**
     * The kernel, then the modules in configuration order with their {@code _flags} as arguments,
     * the whole loader environment and the howto word. A file of type "dtb" replaces the host's
     * device tree, as FreeBSD's loader uses the first one loaded (stand/fdt/fdt_loader_cmd.c).
     */
    public static BootRequest request(LoaderConfig config, BootFiles files) {
        List<BootRequest.FileSpec> modules = new ArrayList<>();
        Optional<BootSource> dtb = Optional.empty();
        for (ModuleFile m : config.modules()) {
            BootSource source = new BootFileSource(files, m.path());
            if (dtb.isEmpty() && m.type().equals(Optional.of(DTB_TYPE))) {
                dtb = Optional.of(source);
            } else {
                modules.add(new BootRequest.FileSpec(source, m.type(), m.args()));
            }
        }
        return new BootRequest(new BootFileSource(files, config.kernelPath()), modules, dtb, config.howto(),
                config.environment());
    }
}
