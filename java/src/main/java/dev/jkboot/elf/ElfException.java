package dev.jkboot.elf;

import dev.jkboot.JkbootException;

/** A kernel or module file that is not a well-formed little-endian 64-bit ELF file. */
public final class ElfException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public ElfException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    public ElfException(String message, String fix, Throwable cause) {
        super(Stage.INPUT, message, fix, cause);
    }
}
