package dev.jkboot.zfs.checksum;

import dev.jkboot.JkbootException;

/**
 * A block's checksum does not match what its block pointer (or embedded verifier) expects, or the
 * block names a checksum jkboot cannot compute. The caller adds the pool, dataset and path.
 */
public final class ChecksumException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public ChecksumException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public ChecksumException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
