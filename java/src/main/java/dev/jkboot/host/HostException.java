package dev.jkboot.host;

import dev.jkboot.JkbootException;

/**
 * The host could not be read or described: a file is missing, unreadable or malformed, or the
 * host has no room for a boot. Carries the host file concerned separately from the reason, so a
 * probe can report "not available: PATH: REASON" without crashing.
 */
public final class HostException extends JkbootException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    /** {@code path} names the host file (as the user would find it); empty when none applies. */
    public HostException(String path, String reason, String fix) {
        this(path, reason, fix, null);
    }

    public HostException(String path, String reason, String fix, Throwable cause) {
        super(Stage.HOST, path.isEmpty() ? reason : path + ": " + reason, fix, cause);
        this.path = path;
        this.reason = reason;
    }

    /** A malformed line of a text file; lines count from 1. */
    public static HostException atLine(String path, int line, String reason, String fix) {
        return new HostException(path, "line " + line + ": " + reason, fix);
    }

    /** The host file concerned, or empty. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String reason() {
        return reason;
    }
}
