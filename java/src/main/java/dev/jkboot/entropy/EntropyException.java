package dev.jkboot.entropy;

import dev.jkboot.JkbootException;

/** Linux would not give random bytes; the boot goes on without platform entropy, as FreeBSD's does. */
public final class EntropyException extends JkbootException {
    public EntropyException(String message, String fix) {
        super(Stage.HOST, message, fix);
    }
}
