package dev.jkboot.tpm;

import dev.jkboot.JkbootException;

/**
 * The TPM could not be reached, refused a command, or answered with bytes that do not parse.
 * A host fault: whether it stops the boot is the measured-boot policy's decision ({@link TpmPolicy}).
 */
public final class TpmException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public TpmException(String message, String fix) {
        super(Stage.HOST, message, fix);
    }

    public TpmException(String message, String fix, Throwable cause) {
        super(Stage.HOST, message, fix, cause);
    }
}
