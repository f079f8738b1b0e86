package dev.jkboot.ufs;

import dev.jkboot.JkbootException;

/** A UFS file system is missing, unsupported or damaged, or a file on it cannot be read. */
public final class UfsException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public UfsException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public UfsException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
