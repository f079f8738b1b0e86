package dev.jkboot.kld;

import dev.jkboot.JkbootException;

/** A module's dependencies cannot be met: missing, at a wrong version, or in a cycle. */
public final class KldException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public KldException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }
}
