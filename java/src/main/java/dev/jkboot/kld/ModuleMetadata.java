package dev.jkboot.kld;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a kernel's or module's {@code set_modmetadata_set} says, records in the order of the set.
 *
 * @param versions the MDT_VERSION records: the modules the file provides
 * @param dependencies the MDT_DEPEND records (a kernel's are ignored, as load_elf.c ignores them)
 * @param declared the names of the MDT_MODULE records (DECLARE_MODULE): the loader does not use them; the
 *     kernel registers each name once, so jkboot warns of a name declared twice
 */
public record ModuleMetadata(List<ModuleVersion> versions, List<ModuleDependency> dependencies,
                             List<String> declared) {
    public ModuleMetadata {
        versions = List.copyOf(versions);
        dependencies = List.copyOf(dependencies);
        declared = List.copyOf(declared);
    }

    /**
     * The file's modules as the loader lists them: file_addmodule prepends and skips a repeated
     * name and version, so newest first; a file without MDT_VERSION records provides its own name
     * (load_elf.c fake_modname: the file name without directory and extension) at version 1.
     */
    public List<ModuleVersion> provided(String fileName) {
        List<ModuleVersion> list = new ArrayList<>();
        for (ModuleVersion v : versions) {
            if (!list.contains(v)) {
                list.add(0, v);
            }
        }
        if (list.isEmpty()) {
            list.add(new ModuleVersion(fakeName(fileName), 1));
        }
        return list;
    }

    /** The dependencies in the order file_load_dependencies walks them: newest first (file_addmetadata prepends). */
    public List<ModuleDependency> dependenciesInLoadOrder() {
        List<ModuleDependency> list = new ArrayList<>(dependencies);
        Collections.reverse(list);
        return list;
    }

    /** load_elf.c fake_modname: "/boot/kernel/foo.ko" → "foo"; a name that is all extension → "bad". */
    static String fakeName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String name = dot < 0 ? base : base.substring(0, dot);
        return name.isEmpty() ? "bad" : name;
    }
}
