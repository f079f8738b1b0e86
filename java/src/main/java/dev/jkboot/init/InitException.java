package dev.jkboot.init;

import dev.jkboot.JkbootException;

/** As PID 1, jkboot could not set up something it cannot run without (/proc, /sys, /dev). */
public final class InitException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public InitException(String message, String fix) {
        super(Stage.HOST, message, fix);
    }
}
