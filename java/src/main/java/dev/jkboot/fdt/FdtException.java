package dev.jkboot.fdt;

import dev.jkboot.JkbootException;

/** A device tree that is malformed, or that lacks or misstates something jkboot reads from it. */
public final class FdtException extends JkbootException {
    private static final long serialVersionUID = 1L;

    /** The fix for a tree that parses but states something the wrong way. */
    static final String BINDING_FIX =
            "the device tree does not have the shape its binding requires; pass a corrected one with --dtb";

    public FdtException(String message, String fix) {
        super(Stage.INPUT, message, fix);
    }

    /** The same error, located at a node: "/chosen: property bootargs is not NUL-terminated…". */
    FdtException within(String nodePath) {
        FdtException located = new FdtException(nodePath + ": " + getMessage(), fix());
        located.setStackTrace(getStackTrace());
        return located;
    }
}
