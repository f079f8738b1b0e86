package dev.jkboot.menu;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A console the menu can use: single key presses with a timeout, and text out. The timeout is
 * the menu's only clock, so a scripted terminal makes the menu deterministic.
 */
public interface Terminal {
    /**
     * The next key (one byte) typed, waiting at most {@code timeout}; empty when none came.
     * {@link Duration#ZERO} only takes a key that is already waiting.
     */
    OptionalInt readKey(Duration timeout) throws IOException;

    /** Shows text as is; "\n" ends a line, "\r" returns to its start. */
    void write(String text) throws IOException;
}
