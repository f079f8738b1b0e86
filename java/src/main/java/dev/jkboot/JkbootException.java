package dev.jkboot;

/**
 * Root of jkboot's error hierarchy: one subclass per pipeline stage.
 *
 * <p>Every error says what went wrong and where ({@link #getMessage()}) and, separately, what the
 * user can do about it ({@link #fix()}), so the CLI can print both as one clear report and choose
 * an exit status per stage.
 */
public abstract class JkbootException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fix;

    protected JkbootException(String message, String fix) {
        this(message, fix, null);
    }

    protected JkbootException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix == null ? "" : fix;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public String fix() {
        return fix;
    }

    /** The process exit status the CLI reports for errors of this stage. */
    public abstract int exitStatus();
}
