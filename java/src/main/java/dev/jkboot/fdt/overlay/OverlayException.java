package dev.jkboot.fdt.overlay;

import dev.jkboot.JkbootException;

/** An overlay that cannot be applied to the base tree; the base stays as it was. */
public final class OverlayException extends JkbootException {
    private static final long serialVersionUID = 1L;

    public OverlayException(String message) {
        super(Stage.INPUT, message, "fix or remove the overlay (build it with dtc -@ against the board's tree), "
                + "or drop it from fdt_overlays");
    }
}
