package dev.jkboot.verify;

import dev.jkboot.JkbootException;
import java.io.IOException;
import java.util.Optional;

/**
 * A file jkboot was about to load for a boot failed verification, or verification cannot be done
 * as the policy demands: the message names the file and the reason, and nothing is loaded.
 */
public final class VerifyException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public VerifyException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public VerifyException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }

    /**
     * This refusal carried through {@link dev.jkboot.loaderconf.BootFiles}, whose methods may only
     * throw {@link IOException}; {@link #refusalIn} finds it again.
     */
    IOException asIoException() {
        return new IOException(getMessage(), this);
    }

    /** The verification refusal behind {@code error}, if one caused it; else {@code error} itself. */
    public static JkbootException refusalIn(JkbootException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof VerifyException refusal) {
                return refusal;
            }
        }
        return error;
    }

    /** The verification refusal behind an I/O error, if one caused it. */
    public static Optional<VerifyException> refusalIn(IOException error) {
        return error.getCause() instanceof VerifyException refusal ? Optional.of(refusal) : Optional.empty();
    }
}
