package dev.jkboot.exec;

import dev.jkboot.JkbootException;

/** The running Linux refused, or cannot do, what jkboot asked of kexec. Nothing was rebooted. */
public final class KexecException extends JkbootException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public KexecException(String message, String fix) {
        this(message, fix, 0);
    }

    public KexecException(String message, String fix, int errno) {
        super(Stage.KEXEC, message, fix);
        this.errno = errno;
    }

    /** The errno Linux returned, or 0 when the refusal came from jkboot's own preflight. */
    public int errno() {
        return errno;
    }
}
