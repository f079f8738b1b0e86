package dev.jkboot.loaderconf;

import java.util.Optional;

/**
 * The root file system from /etc/fstab, read as stand/common/boot.c {@code getrootmount} does:
 * the first line (not empty, not starting with '#') whose mount point is exactly "/" and that has
 * device, mount point, type and options fields gives {@code vfs.root.mountfrom = <type>:<device>}
 * and {@code vfs.root.mountfrom.options = <options>}.
 */
record RootMount(String mountFrom, String options) {

    static Optional<RootMount> fromFstab(String fstab) {
        for (String line : fstab.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // The device is everything up to the first blank, even when the line starts with one.
            int deviceEnd = skipText(line, 0);
            if (deviceEnd == line.length()) {
                continue;
            }
            String device = line.substring(0, deviceEnd);
            int mount = skipSpace(line, deviceEnd + 1);
            if (mount + 1 >= line.length() || line.charAt(mount) != '/' || !isSpace(line.charAt(mount + 1))) {
                continue;
            }
            int type = skipSpace(line, mount + 2);
            int typeEnd = skipText(line, type);
            if (type == line.length()) {
                continue;
            }
            int options = skipSpace(line, Math.min(typeEnd + 1, line.length()));
            if (options == line.length()) {
                continue;
            }
            return Optional.of(new RootMount(line.substring(type, typeEnd) + ":" + device,
                    line.substring(options, skipText(line, options))));
        }
        return Optional.empty();
    }

    private static int skipText(String s, int i) {
        while (i < s.length() && !isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
