package dev.jkboot;

/**
 * Root of jkboot's error hierarchy: every error belongs to one stage of the pipeline, which
 * decides the exit status; the subclasses only say which part of a stage spoke.
 *
 * <p>Every error says what went wrong and where ({@link #getMessage()}) and, separately, what the
 * user can do about it ({@link #fix()}), so the CLI can print both as one clear report.
 */
public abstract class JkbootException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The stages of the pipeline, each with its exit status. */
    public enum Stage {
        /** The host could not be read, or cannot boot anything (also PID 1 set-up). */
        HOST(ExitStatus.HOST),
        /** An input file or the configuration is malformed or unsuitable. */
        INPUT(ExitStatus.INPUT),
        /** No valid physical layout exists. */
        PLAN(ExitStatus.PLAN),
        /** The running Linux refused or failed the kexec. */
        KEXEC(ExitStatus.KEXEC);

        private final int exitStatus;

        Stage(int exitStatus) {
            this.exitStatus = exitStatus;
        }
    }

    private final Stage stage;
    private final String fix;

    protected JkbootException(Stage stage, String message, String fix) {
        this(stage, message, fix, null);
    }

    protected JkbootException(Stage stage, String message, String fix, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.fix = fix == null ? "" : fix;
    }

    /** What the user can do about it; empty when there is nothing useful to say. */
    public final String fix() {
        return fix;
    }

    public final Stage stage() {
        return stage;
    }

    /** The process exit status the CLI reports for errors of this stage. */
    public final int exitStatus() {
        return stage.exitStatus;
    }
}
