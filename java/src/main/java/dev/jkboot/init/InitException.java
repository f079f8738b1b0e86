package dev.jkboot.init;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;

/** As PID 1, jkboot could not set up something it cannot run without (/proc, /sys, /dev). */
public final class InitException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public InitException(String message, String fix) {
        super(message, fix);
    }

    @Override
    public int exitStatus() {
        return ExitStatus.HOST;
    }
}
