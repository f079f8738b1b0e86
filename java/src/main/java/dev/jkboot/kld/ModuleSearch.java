package dev.jkboot.kld;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the file that provides a module, as module.c's mod_searchmodule does: in each
 * {@code module_path} directory in turn, the file its {@code linker.hints} names for the module
 * (at the version the loader would pick); without a hint for it, {@code NAME.ko}, {@code NAME}
 * or {@code NAME.debug}. A hint that names a missing file ends the search in that directory.
 * Each directory's linker.hints is read once; one that cannot be used is reported once and the
 * directory searched by file name only, as the loader does.
 */
public final class ModuleSearch {
    /** module.c kld_ext_list. */
    public static final List<String> KLD_EXTENSIONS = List.of(".ko", "", ".debug");

    private final ModuleFiles files;
    private final List<String> directories;
    private final Consumer<String> warn;
    private final Map<String, Optional<LinkerHints>> hints = new HashMap<>();

    public ModuleSearch(ModuleFiles files, List<String> directories, Consumer<String> warn) {
        this.files = files;
        this.directories = List.copyOf(directories);
        this.warn = warn;
    }

    public List<String> directories() {
        return directories;
    }

    /** The path of the file providing {@code name}; every path tried is added to {@code tried}. */
    public Optional<String> find(String name, Optional<ModuleDependency> wanted, List<String> tried)
            throws JkbootException {
        for (String dir : directories) {
            Optional<LinkerHints> h = hints(dir);
            Optional<String> hinted = h.isPresent() ? h.get().fileFor(name, wanted) : Optional.empty();
            if (hinted.isPresent()) {
                Optional<String> found = file(dir, hinted.get(), tried);
                if (found.isPresent()) {
                    return found;
                }
                continue;
            }
            for (String extension : KLD_EXTENSIONS) {
                Optional<String> found = file(dir, name + extension, tried);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> file(String dir, String name, List<String> tried) throws JkbootException {
        String path = join(dir, name);
        tried.add(path);
        return files.isFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Optional<LinkerHints> hints(String dir) throws JkbootException {
        Optional<LinkerHints> known = hints.get(dir);
        if (known != null) {
            return known;
        }
        Optional<LinkerHints> read = Optional.empty();
        String path = join(dir, "linker.hints");
        if (files.isFile(path)) {
            BootSource source = files.source(path);
            try {
                if (source.size() > LinkerHints.MAX_SIZE) {
                    throw new LinkerHints.Unusable(path, "is %d bytes; FreeBSD's loader reads only files of up to 1 MiB"
                            .formatted(source.size()));
                }
                read = Optional.of(LinkerHints.parse(path, source.read()));
            } catch (LinkerHints.Unusable e) {
                warn.accept(e.getMessage() + "; not used, modules in " + dir + " are found by file name only");
            }
        }
        hints.put(dir, read);
        return read;
    }

    /** module.c file_lookup: the directory, a '/' unless it ends in one, the name. */
    static String join(String dir, String name) {
        return (dir.endsWith("/") ? dir : dir + "/") + name;
    }
}
