package dev.jkboot.loaderconf;

import dev.jkboot.freebsd.Howto;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A boot as FreeBSD's loader would perform it from this configuration.
 *
 * @param kernel the kernel choice: a directory name under /boot such as "kernel" (the
 *     {@code kernel} variable or the menu's choice); empty when {@code kernel} is unset
 * @param kernelPath the kernel file found, e.g. "/boot/kernel/kernel"
 * @param kernelArgs the kernel's arguments from {@code kernel_options}, words joined by one space
 * @param kernels the kernel choices to offer, the default first ({@code kernel}, then
 *     {@code kernels}, then the /boot directories holding a "kernel" file when
 *     {@code kernels_autodetect} is YES)
 * @param modules the files to load after the kernel, in the order their keys first appear in the
 *     files (FreeBSD walks a Lua table, whose order is not defined)
 * @param environment the kernel environment, sorted by name as FreeBSD's loader keeps it:
 *     every variable the files set (except the write-only {@code loader_conf_files}), plus what
 *     the loader sets itself ({@code kernelname}, {@code module_path}, {@code kernel_path},
 *     {@code vfs.root.mountfrom} from /etc/fstab, {@code kernel_options} words)
 * @param howto the boothowto word: {@code kernel_options} switches, {@code boot_*} booleans and
 *     {@code console}
 * @param problems everything skipped or done differently from FreeBSD, with file and line
 */
public record LoaderConfig(String kernel, String kernelPath, Optional<String> kernelArgs, List<String> kernels,
                           List<ModuleFile> modules, Map<String, String> environment, Howto howto,
                           AutobootDelay autobootDelay, List<ConfigProblem> problems) {
    public LoaderConfig {
        kernels = List.copyOf(kernels);
        modules = List.copyOf(modules);
        environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        problems = List.copyOf(problems);
    }

    /** The {@code console} variable, e.g. "comconsole"; empty when unset. */
    public String console() {
        return environment.getOrDefault("console", "");
    }

    /** {@code vfs.root.mountfrom}, e.g. "ufs:/dev/vtbd0p2". */
    public Optional<String> rootMountFrom() {
        return Optional.ofNullable(environment.get("vfs.root.mountfrom"));
    }

    /**
     * This boot with another howto word, keeping the environment in step the way FreeBSD's menu
     * does when it toggles single-user or verbose: a newly set bit sets its {@code boot_*}
     * variable to "YES", a cleared bit removes its variable.
     */
    public LoaderConfig withHowto(Howto newHowto) {
        TreeMap<String, String> env = new TreeMap<>(environment);
        for (int bit = 1; bit != 0; bit <<= 1) {
            int b = bit;
            Howto.environmentVariable(b).ifPresent(variable -> {
                boolean on = Howto.isTrue(env.get(variable));
                if (newHowto.has(b) && !on) {
                    env.put(variable, "YES");
                } else if (!newHowto.has(b) && on) {
                    env.remove(variable);
                }
            });
        }
        return new LoaderConfig(kernel, kernelPath, kernelArgs, kernels, modules, env, newHowto, autobootDelay,
                problems);
    }
}
