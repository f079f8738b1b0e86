package dev.jkboot.host;

import java.util.List;
import java.util.Locale;

/**
 * The kernel lockdown level from {@code /sys/kernel/security/lockdown}, which lists every level
 * and brackets the active one: {@code none [integrity] confidentiality}. Any level but NONE blocks
 * {@code kexec_load} and {@code /dev/mem}.
 */
public enum LockdownMode {
    NONE, INTEGRITY, CONFIDENTIALITY;

    public static final String PATH = "/sys/kernel/security/lockdown";

    public static LockdownMode read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, 256), root.show(PATH));
    }

    public static LockdownMode parse(String text, String where) throws HostException {
        LockdownMode active = null;
        for (String word : TextLines.words(text)) {
            boolean bracketed = word.length() > 2 && word.startsWith("[") && word.endsWith("]");
            String name = bracketed ? word.substring(1, word.length() - 1) : word;
            LockdownMode mode = named(name, text, where);
            if (bracketed) {
                if (active != null) {
                    throw new HostException(where,
                            "\"%s\" brackets more than one level".formatted(text.strip()), "");
                }
                active = mode;
            }
        }
        if (active == null) {
            throw new HostException(where,
                    "\"%s\" brackets no level as active".formatted(text.strip()), "");
        }
        return active;
    }

    private static LockdownMode named(String name, String text, String where) throws HostException {
        for (LockdownMode mode : values()) {
            if (mode.label().equals(name)) {
                return mode;
            }
        }
        throw new HostException(where, "\"%s\" is not a lockdown level (in \"%s\")"
                .formatted(name, text.strip()), "");
    }

    /** The level as the kernel writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
