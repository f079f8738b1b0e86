package dev.jkboot.disk;

import dev.jkboot.JkbootException;

/** A disk could not be found, opened, read, or its partition table makes no sense. */
public final class DiskException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public DiskException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public DiskException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
