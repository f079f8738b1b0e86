package dev.jkboot.loaderconf;

import dev.jkboot.JkbootException;

/**
 * The boot configuration cannot give a bootable kernel at all, or its files cannot be read.
 * Everything less serious is a {@link ConfigProblem} and the boot goes on, as in FreeBSD.
 */
public final class LoaderConfException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public LoaderConfException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public LoaderConfException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
