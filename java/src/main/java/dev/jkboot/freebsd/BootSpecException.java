package dev.jkboot.freebsd;

import dev.jkboot.JkbootException;

/** What to boot cannot be built: a bad kernel, module, environment or memory description. */
public final class BootSpecException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public BootSpecException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public BootSpecException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
