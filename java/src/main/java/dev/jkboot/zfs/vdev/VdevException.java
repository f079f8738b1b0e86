package dev.jkboot.zfs.vdev;

import dev.jkboot.JkbootException;

/**
 * A vdev cannot supply a block: a leaf is missing or fails to read, too many raidz columns are
 * missing, an offset lies outside the vdev, or the vdev tree is one jkboot cannot read.
 */
public final class VdevException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public VdevException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public VdevException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
