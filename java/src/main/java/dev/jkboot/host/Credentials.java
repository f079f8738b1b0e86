package dev.jkboot.host;

import java.util.List;

/**
 * Who this process is, from {@code /proc/self/status}: the effective user id and effective
 * capability set. kexec_load needs CAP_SYS_BOOT; /dev/mem and real /proc/iomem addresses need root.
 */
public record Credentials(long effectiveUid, long effectiveCapabilities) {
    public static final String PATH = "/proc/self/status";
    /** Linux's CAP_SYS_BOOT capability number. */
    public static final int CAP_SYS_BOOT = 22;
    private static final int MAX_BYTES = 64 * 1024;

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
                String[] ids = uids(line);
                if (ids == null) {
                    throw HostException.atLine(where, i + 1,
                            "\"%s\" is not Uid: REAL EFFECTIVE SAVED FS".formatted(line), "");
                }
                uid = Long.parseLong(ids[1]);
            } else if (line.startsWith("CapEff:")) {
                LineScanner scan = new LineScanner(line);
                String mask = scan.literal("CapEff:") && scan.spaces() ? scan.digits(16, 16) : null;
                if (mask == null || !scan.atEnd()) {
                    throw HostException.atLine(where, i + 1,
                            "\"%s\" is not CapEff: HEXMASK".formatted(line), "");
                }
                caps = Long.parseUnsignedLong(mask, 16);
            }
        }
        if (uid == null || caps == null) {
            throw new HostException(where, "has no " + (uid == null ? "Uid:" : "CapEff:") + " line",
                    "");
        }
        return new Credentials(uid, caps);
    }

    /** The four ids of a {@code Uid:} line (real, effective, saved, file system), or null. */
    private static String[] uids(String line) {
        LineScanner scan = new LineScanner(line);
        String[] ids = new String[4];
        if (!scan.literal("Uid:")) {
            return null;
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] = scan.spaces() ? scan.digits(10, 10) : null;
            if (ids[i] == null) {
                return null;
            }
        }
        return scan.atEnd() ? ids : null;
    }

    public boolean isRoot() {
        return effectiveUid == 0;
    }

    public boolean hasCapSysBoot() {
        return (effectiveCapabilities & (1L << CAP_SYS_BOOT)) != 0;
    }
}
