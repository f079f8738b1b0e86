package dev.jkboot.loaderconf;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration files as read, before any kernel or module file is looked up: the loader
 * environment (presets first, then every assignment in file order; a later assignment replaces
 * the value in place), where each variable was last set, the module settings in the order their
 * keys first appear, and the problems met so far.
 */
public record ParsedConfig(Map<String, String> environment, Map<String, Origin> origins,
                           List<ModuleSettings> modules, List<ConfigProblem> problems) {
    public ParsedConfig {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        modules = List.copyOf(modules);
        problems = List.copyOf(problems);
    }

    /** Where {@code variable} was last set; {@link Origin#PRESET} for presets and unknown names. */
    public Origin origin(String variable) {
        return origins.getOrDefault(variable, Origin.PRESET);
    }

    /**
     * Finds the kernel, the modules and the root file system for a boot of {@code kernel} (a
     * directory name under /boot such as "kernel.old", as the menu offers them), or of the
     * {@code kernel} variable when empty.
     */
    public LoaderConfig resolve(BootFiles files, Optional<String> kernel) throws LoaderConfException {
        try {
            return new ConfigResolver(this, files).resolve(kernel);
        } catch (IOException e) {
            throw new LoaderConfException("cannot read the FreeBSD file system at " + files + ": " + e.getMessage(),
                    "check the disk or the directory given with --root", e);
        }
    }
}
