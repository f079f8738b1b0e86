package dev.jkboot.host;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who this process is, from {@code /proc/self/status}: the effective user id and effective
 * capability set. kexec_load needs CAP_SYS_BOOT; /dev/mem and real /proc/iomem addresses need root.
 */
public record Credentials(long effectiveUid, long effectiveCapabilities) {
    public static final String PATH = "/proc/self/status";
    /** Linux's CAP_SYS_BOOT capability number. */
    public static final int CAP_SYS_BOOT = 22;
    private static final int MAX_BYTES = 64 * 1024;
    private static final Pattern UID = Pattern.compile("Uid:\\s+(\\d{1,10})\\s+(\\d{1,10})\\s+\\d{1,10}\\s+\\d{1,10}");
    private static final Pattern CAP_EFF = Pattern.compile("CapEff:\\s+([0-9a-fA-F]{1,16})");

    public static Credentials read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, MAX_BYTES), root.show(PATH));
    }

    /** Only the Uid and CapEff lines matter; the file's many other lines are left alone. */
    public static Credentials parse(String text, String where) throws HostException {
        Long uid = null;
        Long caps = null;
        List<String> lines = TextLines.of(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Uid:")) {
                Matcher m = UID.matcher(line);
                if (!m.matches()) {
                    throw HostException.atLine(where, i + 1,
                            "\"%s\" is not Uid: REAL EFFECTIVE SAVED FS".formatted(line), "");
                }
                uid = Long.parseLong(m.group(2));
            } else if (line.startsWith("CapEff:")) {
                Matcher m = CAP_EFF.matcher(line);
                if (!m.matches()) {
                    throw HostException.atLine(where, i + 1,
                            "\"%s\" is not CapEff: HEXMASK".formatted(line), "");
                }
                caps = Long.parseUnsignedLong(m.group(1), 16);
            }
        }
        if (uid == null || caps == null) {
            throw new HostException(where, "has no " + (uid == null ? "Uid:" : "CapEff:") + " line",
                    "");
        }
        return new Credentials(uid, caps);
    }

    public boolean isRoot() {
        return effectiveUid == 0;
    }

    public boolean hasCapSysBoot() {
        return (effectiveCapabilities & (1L << CAP_SYS_BOOT)) != 0;
    }
}
