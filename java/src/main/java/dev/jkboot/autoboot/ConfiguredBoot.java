package dev.jkboot.autoboot;

import dev.jkboot.boot.BootRequest;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.LoaderConfig;
import java.util.List;
import java.util.Optional;

/** The boot a resolved loader.conf describes, as a request whose files come from the FreeBSD root. */
public final class ConfiguredBoot {
    private ConfiguredBoot() {}

    /**
     * The kernel, then the modules in configuration order with their {@code _flags} as arguments
     * (a file of type "dtb" among them is the device tree FreeBSD gets, as {@code BootPlanning}
     * decides), the whole loader environment and the howto word.
     */
    public static BootRequest request(LoaderConfig config, BootFiles files) {
        List<BootRequest.FileSpec> modules = config.modules().stream()
                .map(m -> new BootRequest.FileSpec(new BootFileSource(files, m.path()), m.type(), m.args(), m.module()))
                .toList();
        return new BootRequest(new BootFileSource(files, config.kernelPath()), modules, Optional.empty(),
                config.howto(), config.environment());
    }
}
