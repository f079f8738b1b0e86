package dev.jkboot;

/**
 * C's {@code "0x%0Nx"} without {@link String#format}: on jkboot's start-up path the first use of
 * java.util.Formatter costs tens of milliseconds under emulation (issue 12).
 */
public final class Hex {
    private Hex() {}

    /** {@code value} in lower-case hex after "0x", zero-padded to {@code digits} digits. */
    public static String padded(long value, int digits) {
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
