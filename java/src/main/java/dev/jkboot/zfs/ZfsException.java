package dev.jkboot.zfs;

import dev.jkboot.JkbootException;

/**
 * A ZFS pool is missing members, unsupported or damaged, or a file in one of its datasets cannot
 * be read. Messages name the pool, the dataset and the path where they are known.
 */
public final class ZfsException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public ZfsException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public ZfsException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }

    /** The same failure with {@code context} (pool, dataset, path) put in front of the message. */
    public static ZfsException in(String context, JkbootException cause) {
        return new ZfsException(context + ": " + cause.getMessage(), cause.fix(), cause);
    }
}
