package dev.jkboot.loaderconf;

import dev.jkboot.JkbootException;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.kld.ModulePath;
import dev.jkboot.kld.ModuleSearch;
import dev.jkboot.fs.FileContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks up the kernel and module files a parsed configuration asks for, as FreeBSD's loader does
 * when it boots (stand/lua/config.lua {@code loadKernel}/{@code loadModule}, stand/common/module.c
 * {@code file_search}), and fills in what the loader adds to the environment.
 *
 * <p>Kernel: for {@code kernel="K"}, each name of {@code bootfile} (';'-separated, then "kernel")
 * is looked for in /boot/K, then in K; then K itself is tried as a file. On success
 * {@code module_path} becomes "<dir>;" + module_path and {@code kernel_path} the directory (or
 * module_path just the directory when it was unset). With {@code kernel} unset, the bootfile
 * names are looked for along module_path.
 *
 * <p>Names: a name with a '/' is a path; otherwise each {@code module_path} directory is tried
 * with {@code name.ko}, {@code name}, {@code name.debug} for kernels, and only {@code name} for
 * raw files ({@code _type} set). An ELF module's name is a module name: each directory's
 * linker.hints is consulted first, as module.c's mod_searchmodule does ({@link ModuleSearch}).
 */
final class ConfigResolver {
    private static final String OVERLAYS = "fdt_overlays";
    private static final Pattern MODULE_NAME = Pattern.compile("[-A-Za-z0-9_]+");
    private static final Pattern KERNEL_NAME = Pattern.compile("[^;, ]+");
    private static final String ROOT = "vfs.root.mountfrom";

    private final ParsedConfig parsed;
    private final BootFiles files;
    private final Map<String, String> env;
    private final List<ConfigProblem> problems;

    ConfigResolver(ParsedConfig parsed, BootFiles files) {
        this.parsed = parsed;
        this.files = files;
        this.env = new LinkedHashMap<>(parsed.environment());
        this.problems = new ArrayList<>(parsed.problems());
    }

    LoaderConfig resolve(Optional<String> choice) throws IOException, LoaderConfException {
        String kernelVariable = env.get("kernel");
        String kernel = choice.orElse(kernelVariable);
        String kernelPath = findKernel(kernel, choice.isPresent() ? "chosen in the boot menu"
                : "set at " + parsed.origin("kernel"));
        env.put("kernelname", kernelPath);
        List<ModuleFile> modules = new ArrayList<>(findModules());
        modules.addAll(findOverlays());
        findRootMount();
        String kernelOptions = env.getOrDefault("kernel_options", "");
        BootArguments arguments = BootArguments.parse(kernelOptions);
        env.putAll(arguments.environment());
        Howto howto = arguments.howto().or(Howto.fromEnvironment(env));
        Howto.consoleBitNotSet(env.get("console")).ifPresent(bit -> problems.add(new ConfigProblem(
                parsed.origin("console"), "console=\"" + env.get("console") + "\" sets no " + bit
                + ": kboot's only console is Linux's, and jkboot does as kboot")));
        return new LoaderConfig(kernel == null ? "" : kernel, kernelPath, joinedWords(kernelOptions),
                kernelChoices(kernelVariable), modules, env, howto, autobootDelay(), problems);
    }

    private String findKernel(String kernel, String where) throws IOException, LoaderConfException {
        List<String> tried = new ArrayList<>();
        List<String> bootfiles = bootfileNames();
        String modulePath = env.get("module_path");
        if (kernel == null) {
            for (String name : bootfiles) {
                Optional<String> found = searchKld(name, searchPath(modulePath), tried);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            throw noKernel("the kernel variable is unset and no bootfile was found in module_path", tried);
        }
        for (String dir : List.of("/boot/" + kernel, kernel)) {
            for (String name : bootfiles) {
                Optional<String> found = searchKld(name, List.of(LoaderConfReader.absolute(dir)), tried);
                if (found.isPresent()) {
                    // config.lua points module_path at the directory while it tries, and only
                    // prepends the directory when module_path was set before.
                    if (modulePath == null) {
                        env.put("module_path", dir);
                    } else {
                        env.put("module_path", dir + ";" + modulePath);
                        env.put("kernel_path", dir);
                    }
                    return found.get();
                }
            }
        }
        // FreeBSD leaves module_path set to the kernel name after this last try; jkboot keeps it.
        Optional<String> asFile = searchKld(kernel, List.of(LoaderConfReader.absolute(kernel)), tried);
        if (asFile.isPresent()) {
            return asFile.get();
        }
        throw noKernel("no kernel file for kernel=\"" + kernel + "\" (" + where + ")", tried);
    }

    private LoaderConfException noKernel(String what, List<String> tried) {
        return new LoaderConfException(what + "; tried " + String.join(", ", tried),
                "set kernel=\"<directory under /boot that holds a kernel file>\" in /boot/loader.conf, "
                        + "or point jkboot at the FreeBSD root file system (--root)");
    }

    /** {@code bootfile}'s ';'-separated names, then "kernel", as config.lua's loadBootfile. */
    private List<String> bootfileNames() {
        String bootfile = env.get("bootfile");
        String list = bootfile == null ? "kernel" : bootfile + ";kernel";
        List<String> names = new ArrayList<>();
        for (String name : list.split(";")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private List<ModuleFile> findModules() throws IOException, LoaderConfException {
        Set<String> blacklist = new LinkedHashSet<>(
                LoaderConfReader.matches(MODULE_NAME, env.getOrDefault("module_blacklist", "")));
        String modulePath = env.get("module_path");
        List<String> dirs = searchPath(modulePath);
        ModuleSearch modules = new ModuleSearch(new BootFilesModules(files), dirs,
                why -> problems.add(new ConfigProblem("module_path", 0, why)));
        List<ModuleFile> found = new ArrayList<>();
        for (ModuleSettings m : parsed.modules()) {
            if (!m.enabled()) {
                continue;
            }
            String name = m.fileName();
            if (blacklist.contains(name)) {
                problems.add(new ConfigProblem(m.origin(), name + " is in module_blacklist (set at "
                        + parsed.origin("module_blacklist") + "); not loaded"));
                continue;
            }
            List<String> tried = new ArrayList<>();
            Optional<String> path = m.type().isEmpty() ? searchModule(modules, name, tried) : searchRaw(name, dirs, tried);
            if (path.isEmpty()) {
                String what = "cannot find " + name + " for " + m.key() + "_load=\"YES\"; tried " + String.join(", ", tried);
                if (m.type().equals("mfs_root")) {
                    // module.c: failing to load mfs_root is never going to end well.
                    throw new LoaderConfException(m.origin() + ": " + what,
                            "put the root file system image where " + m.key() + "_name says, or remove "
                                    + m.key() + "_load");
                }
                problems.add(new ConfigProblem(m.origin(), what + "; skipped"));
                continue;
            }
            boolean byModuleName = m.type().isEmpty() && !name.contains("/");
            found.add(new ModuleFile(m.key(), path.get(), m.type().isEmpty() ? Optional.empty() : Optional.of(m.type()),
                    joinedWords(m.flags()), byModuleName ? Optional.of(name) : Optional.empty()));
        }
        return found;
    }

    /**
     * {@code fdt_overlays}: ','-separated names, each found on module_path as it is or with ".dtbo"
     * (fdt_loader_cmd.c {@code fdt_load_dtb_overlays_string} through file_loadraw, whose search
     * reaches /boot/dtb/overlays by the default module_path), loaded as "dtbo" files after the
     * modules. A name found nowhere is reported and skipped, as FreeBSD's "failed to load file".
     */
    private List<ModuleFile> findOverlays() throws IOException {
        String names = env.get(OVERLAYS);
        List<ModuleFile> found = new ArrayList<>();
        if (names == null) {
            return found;
        }
        List<String> dirs = searchPath(env.get("module_path"));
        for (String name : names.split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            List<String> tried = new ArrayList<>();
            Optional<String> path = searchRaw(name, dirs, tried);
            if (path.isEmpty()) {
                path = searchRaw(name + ".dtbo", dirs, tried);
            }
            if (path.isEmpty()) {
                problems.add(new ConfigProblem(parsed.origin(OVERLAYS), "cannot find the DTB overlay " + name
                        + " of " + OVERLAYS + "; tried " + String.join(", ", tried) + "; skipped"));
                continue;
            }
            found.add(new ModuleFile(OVERLAYS, path.get(), Optional.of("dtbo"), Optional.empty()));
        }
        return found;
    }

    private Optional<String> searchKld(String name, List<String> dirs, List<String> tried) throws IOException {
        return search(name, dirs, ModuleSearch.KLD_EXTENSIONS, tried);
    }

    /** {@code load NAME}: a path as it is, a module name through linker.hints and then NAME.ko. */
    private Optional<String> searchModule(ModuleSearch modules, String name, List<String> tried)
            throws IOException, LoaderConfException {
        if (name.contains("/")) {
            return isFile(LoaderConfReader.absolute(name), tried);
        }
        try {
            return modules.find(name, Optional.empty(), tried);
        } catch (JkbootException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new LoaderConfException(e.getMessage(), e.fix(), e);
        }
    }

    private Optional<String> searchRaw(String name, List<String> dirs, List<String> tried) throws IOException {
        return search(name, dirs, List.of(""), tried);
    }

    private Optional<String> search(String name, List<String> dirs, List<String> extensions, List<String> tried)
            throws IOException {
        if (name.contains("/")) {
            return isFile(LoaderConfReader.absolute(name), tried);
        }
        for (String dir : dirs) {
            for (String extension : extensions) {
                Optional<String> found = isFile((dir.endsWith("/") ? dir : dir + "/") + name + extension, tried);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> isFile(String path, List<String> tried) throws IOException {
        tried.add(path);
        return files.kind(path) == BootFiles.Kind.FILE ? Optional.of(path) : Optional.empty();
    }

    /** The directories of a module_path, each made absolute. */
    private static List<String> searchPath(String modulePath) {
        return ModulePath.directories(modulePath == null ? ModulePath.DEFAULT : modulePath).stream()
                .map(LoaderConfReader::absolute).distinct().toList();
    }

    /**
     * getrootmount: when {@code vfs.root.mountfrom} is unset, take it from /etc/fstab, or from a
     * ZFS {@code currdev}; FreeBSD's kernel otherwise stops at its mountroot prompt.
     */
    private void findRootMount() throws IOException {
        if (env.containsKey(ROOT)) {
            return;
        }
        Optional<FileContent> fstab = files.open("/etc/fstab");
        if (fstab.isPresent() && fstab.get().size() > ConfLimits.FILE_BYTES) {
            problems.add(new ConfigProblem("/etc/fstab", 0, "is %d bytes, more than the %d jkboot reads from one "
                    .formatted(fstab.get().size(), ConfLimits.FILE_BYTES) + "configuration file; not read"));
            fstab = Optional.empty();
        }
        Optional<RootMount> fromFstab = fstab
                .flatMap(c -> RootMount.fromFstab(new String(c.toArray(), StandardCharsets.UTF_8)));
        if (fromFstab.isPresent()) {
            env.put(ROOT, fromFstab.get().mountFrom());
            env.putIfAbsent(ROOT + ".options", fromFstab.get().options());
            return;
        }
        String currdev = env.get("currdev");
        if (currdev != null && currdev.startsWith("zfs:")) {
            env.put(ROOT, currdev.substring(0, currdev.length() - 1));
            return;
        }
        problems.add(new ConfigProblem("/etc/fstab", 0, ROOT + " is not set and /etc/fstab has no line for '/', "
                + "so FreeBSD will stop at its mountroot> prompt; set " + ROOT
                + "=\"ufs:/dev/<partition>\" in /boot/loader.conf"));
    }

    private List<String> kernelChoices(String kernelVariable) throws IOException {
        Set<String> choices = new LinkedHashSet<>();
        if (kernelVariable != null) {
            choices.add(kernelVariable);
        }
        KERNEL_NAME.matcher(env.getOrDefault("kernels", "")).results().forEach(r -> choices.add(r.group()));
        if ("yes".equalsIgnoreCase(env.get("kernels_autodetect"))) {
            List<String> entries = new ArrayList<>(files.list("/boot", ConfLimits.DIRECTORY_ENTRIES + 1));
            if (entries.size() > ConfLimits.DIRECTORY_ENTRIES) {
                problems.add(new ConfigProblem(parsed.origin("kernels_autodetect"), "/boot has more than %d entries, "
                        .formatted(ConfLimits.DIRECTORY_ENTRIES) + "more than jkboot lists; no kernels detected"));
                entries.clear();
            }
            entries.sort(null);
            for (String entry : entries) {
                if (files.kind("/boot/" + entry) == BootFiles.Kind.DIRECTORY
                        && files.kind("/boot/" + entry + "/kernel") == BootFiles.Kind.FILE) {
                    choices.add(entry);
                }
            }
        }
        return List.copyOf(choices);
    }

    private AutobootDelay autobootDelay() {
        String value = env.get("autoboot_delay");
        Optional<AutobootDelay> delay = AutobootDelay.parse(value);
        if (delay.isEmpty()) {
            problems.add(new ConfigProblem(parsed.origin("autoboot_delay"), "autoboot_delay=\"" + value
                    + "\" is not a number or NO; using " + AutobootDelay.DEFAULT_SECONDS + " seconds as FreeBSD does"));
        }
        return delay.orElse(AutobootDelay.DEFAULT);
    }

    /** FreeBSD's unargv: the words joined by one space, or nothing when there are none. */
    private static Optional<String> joinedWords(String words) {
        String joined = String.join(" ", words.strip().split("\\s+"));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }
}
