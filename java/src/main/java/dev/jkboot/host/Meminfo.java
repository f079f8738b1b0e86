package dev.jkboot.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures from {@code /proc/meminfo} that bound how much a boot may stage in memory, in bytes.
 * kboot sizes its first buffer from MemAvailable and the commit headroom (CommitLimit minus
 * Committed_AS).
 */
public record Meminfo(long memTotal, long memAvailable, long commitLimit, long committedAs) {
    public static final String PATH = "/proc/meminfo";
    private static final int MAX_BYTES = 64 * 1024;
    private static final List<String> NEEDED =
            List.of("MemTotal", "MemAvailable", "CommitLimit", "Committed_AS");

    public static Meminfo read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, MAX_BYTES), root.show(PATH));
    }

    public static Meminfo parse(String text, String where) throws HostException {
        Map<String, Long> bytes = new HashMap<>();
        List<String> lines = TextLines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            int digits = colon + 1;
            while (digits < line.length() && isSpace(line.charAt(digits))) {
                digits++;
            }
            int end = digits;
            while (end < line.length() && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
                end++;
            }
            String unit = line.substring(end);
            if (colon <= 0 || !isName(line, colon) || digits == colon + 1 || end == digits || end - digits > 18
                    || !(unit.isEmpty() || unit.equals(" kB"))) {
                throw HostException.atLine(where, i + 1, "\"" + line + "\" is not NAME: NUMBER [kB]", "");
            }
            String name = line.substring(0, colon);
            long value = Long.parseLong(line, digits, end, 10);
            if (!unit.isEmpty()) {
                if (value > Long.MAX_VALUE / 1024) {
                    throw HostException.atLine(where, i + 1,
                            line.substring(digits, end) + " kB is more memory than exists", "");
                }
                value *= 1024;
            }
            if (bytes.put(name, value) != null) {
                throw HostException.atLine(where, i + 1, name + " appears twice", "");
            }
        }
        for (String name : NEEDED) {
            if (!bytes.containsKey(name)) {
                throw new HostException(where, "has no " + name + " line",
                        name.equals("MemAvailable") ? "MemAvailable needs Linux 3.14 or newer" : "");
            }
        }
        return new Meminfo(bytes.get("MemTotal"), bytes.get("MemAvailable"),
                bytes.get("CommitLimit"), bytes.get("Committed_AS"));
    }

    /** How much more this process may commit before the kernel's overcommit policy refuses. */
    public long commitHeadroom() {
        return Math.max(0, commitLimit - committedAs);
    }

    /**
     * Whether the first {@code length} characters of {@code line} are a meminfo name: letters, digits,
     * '_' and parentheses ("Active(anon)"). Parsed by hand, not by a regex: on jkboot's start-up path
     * a regex match per line costs tens of milliseconds under emulation (issue 12).
     */
    private static boolean isName(String line, int length) {
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '('
                    || c == ')')) {
                return false;
            }
        }
        return true;
    }

    /** Java's regex {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
