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
    /** The characters of a name ("Active(anon)"), parsed by hand: a regex costs start-up (issue 12). */
    private static final String NAME_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_()";
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
            LineScanner scan = new LineScanner(line);
            String name = scan.name(NAME_CHARS, NAME_CHARS, Integer.MAX_VALUE);
            String digits = name != null && scan.literal(":") && scan.spaces() ? scan.digits(10, 18) : null;
            boolean kB = digits != null && scan.literal(" kB");
            if (digits == null || !scan.atEnd()) {
                throw HostException.atLine(where, i + 1, "\"" + line + "\" is not NAME: NUMBER [kB]", "");
            }
            long value = Long.parseLong(digits);
            if (kB) {
                if (value > Long.MAX_VALUE / 1024) {
                    throw HostException.atLine(where, i + 1, digits + " kB is more memory than exists", "");
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
}
