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
            String trimmed = withoutTrailingSlashes(dir);
            if (!trimmed.isEmpty() && !dirs.contains(trimmed)) {
                dirs.add(trimmed);
            }
        }
        return dirs;
    }

    /**
     * {@code dir.replaceFirst("(?<=.)/+$", "")} by hand (a regex links lambdas, which cost
     * milliseconds at start-up under emulation, issue 12): the trailing run of slashes goes, but for
     * one slash when the run starts the string or follows a line terminator; as regex {@code $},
     * "trailing" allows one final line terminator after the run, which is kept.
     */
    static String withoutTrailingSlashes(String dir) {
        int end = dir.length() - finalLineTerminator(dir);
        int run = end;
        while (run > 0 && dir.charAt(run - 1) == '/') {
            run--;
        }
        int cut = run > 0 && !isLineTerminator(dir.charAt(run - 1)) ? run : run + 1;
        return cut >= end ? dir : dir.substring(0, cut) + dir.substring(end);
    }

    /** How many chars of {@code s}'s end regex {@code $} may skip: a final "\r\n" or line terminator. */
    private static int finalLineTerminator(String s) {
        if (s.endsWith("\r\n")) {
            return 2;
        }
        return !s.isEmpty() && isLineTerminator(s.charAt(s.length() - 1)) ? 1 : 0;
    }

    /** The characters regex {@code .} does not match (java.util.regex.Pattern without DOTALL). */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
