package dev.jkboot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's peak resident set size ({@code VmHWM} in {@code /proc/self/status}), reported with
 * the phase timings: on a LinuxBoot host the JVM's footprint is RAM the boot cannot use for anything else.
 */
final class PeakRss {
    private static final String KEY = "VmHWM:";

    private PeakRss() {}

    /** This process's peak in KiB, or empty where {@code /proc} cannot tell (the timings then leave it out). */
    static OptionalLong ofThisProcess() {
        try {
            return kibFrom(Files.readString(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmHWM:  41236 kB} line of a {@code /proc/PID/status} text, in KiB; empty if absent or malformed. */
    static OptionalLong kibFrom(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(KEY)) {
                // By hand, not by regex: printed at the end of a timed boot (issue 12).
                String value = line.substring(KEY.length()).trim();
                int digits = 0;
                while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
                    digits++;
                }
                String unit = value.substring(digits).trim();
                boolean spaced = digits < value.length() && Character.isWhitespace(value.charAt(digits));
                return digits >= 1 && digits <= 18 && spaced && unit.equals("kB")
                        ? OptionalLong.of(Long.parseLong(value, 0, digits, 10)) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
