package dev.jkboot.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures from {@code /proc/meminfo} that bound how much a boot may stage in memory, in bytes.
 * kboot sizes its first buffer from MemAvailable and the commit headroom (CommitLimit minus
 * Committed_AS).
 */
public record Meminfo(long memTotal, long memAvailable, long commitLimit, long committedAs) {
    public static final String PATH = "/proc/meminfo";
    private static final int MAX_BYTES = 64 * 1024;
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_()]+):\\s+(\\d{1,18})( kB)?");
    private static final List<String> NEEDED =
            List.of("MemTotal", "MemAvailable", "CommitLimit", "Committed_AS");

    public static Meminfo read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, MAX_BYTES), root.show(PATH));
    }

    public static Meminfo parse(String text, String where) throws HostException {
        Map<String, Long> bytes = new HashMap<>();
        List<String> lines = TextLines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                throw HostException.atLine(where, i + 1,
                        "\"%s\" is not NAME: NUMBER [kB]".formatted(lines.get(i)), "");
            }
            long value = Long.parseLong(m.group(2));
            if (m.group(3) != null) {
                if (value > Long.MAX_VALUE / 1024) {
                    throw HostException.atLine(where, i + 1,
                            m.group(2) + " kB is more memory than exists", "");
                }
                value *= 1024;
            }
            if (bytes.put(m.group(1), value) != null) {
                throw HostException.atLine(where, i + 1, m.group(1) + " appears twice", "");
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
