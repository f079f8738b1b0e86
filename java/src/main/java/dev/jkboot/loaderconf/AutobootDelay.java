package dev.jkboot.loaderconf;

import java.util.Optional;

/**
 * What {@code autoboot_delay} asks of the boot menu (stand/lua/menu.lua {@code menu.run}):
 * unset means a 10 second countdown; "NO" (any case) shows the menu and waits for a key; "-1"
 * boots at once with no menu and no chance to interrupt; any other number counts down that many
 * seconds, where 0 (and anything below -1) boots at once unless a key is already waiting.
 */
public record AutobootDelay(Kind kind, int seconds) {
    public enum Kind { COUNTDOWN, NEVER, IMMEDIATE }

    public static final int DEFAULT_SECONDS = 10;
    public static final AutobootDelay DEFAULT = countdown(DEFAULT_SECONDS);

    public static AutobootDelay countdown(int seconds) {
        return new AutobootDelay(Kind.COUNTDOWN, Math.max(0, seconds));
    }

    /**
     * The delay for a variable value, or empty when the value is not a number (FreeBSD then uses
     * {@link #DEFAULT}). Decimal integers with optional sign and surrounding blanks are numbers.
     */
    public static Optional<AutobootDelay> parse(String value) {
        if (value == null) {
            return Optional.of(DEFAULT);
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("no")) {
            return Optional.of(new AutobootDelay(Kind.NEVER, 0));
        }
        if (!v.matches("[-+]?[0-9]{1,9}")) {
            return Optional.empty();
        }
        int seconds = Integer.parseInt(v);
        return Optional.of(seconds == -1 ? new AutobootDelay(Kind.IMMEDIATE, 0) : countdown(seconds));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case COUNTDOWN -> seconds + " s";
            case NEVER -> "NO (wait for a key)";
            case IMMEDIATE -> "-1 (boot at once, no menu)";
        };
    }
}
