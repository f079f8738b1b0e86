package dev.jkboot.kld;

import java.util.ArrayList;
import java.util.List;

/** The directories of {@code module_path}, as module.c's moduledir_rebuild makes them. */
public final class ModulePath {
    /** module.c's default_searchpath for loaders with FDT support (arm64). */
    public static final String DEFAULT = "/boot/kernel;/boot/modules;/boot/dtb";

    private ModulePath() {}

    /**
     * The ';'-separated directories in order, trailing slashes dropped (a lone "/" kept), each
     * once; empty entries are skipped.
     */
    public static List<String> directories(String modulePath) {
        List<String> dirs = new ArrayList<>();
        for (String dir : modulePath.split(";")) {
            String trimmed = dir.replaceFirst("(?<=.)/+$", "");
            if (!trimmed.isEmpty() && !dirs.contains(trimmed)) {
                dirs.add(trimmed);
            }
        }
        return dirs;
    }
}
