package dev.jkboot.zfs.compress;

import dev.jkboot.JkbootException;

/**
 * A compressed block does not decode to its logical size, or uses a compression jkboot does not
 * decode. The caller adds the pool, dataset and path.
 */
public final class CompressionException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public CompressionException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public CompressionException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
