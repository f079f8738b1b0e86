package dev.jkboot.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this process started, to Linux's 10 ms. {@link ProcessHandle.Info#startInstant()} adds the whole-second
 * boot time of /proc/stat, so it can be up to a second early, and that second would be charged to JVM start-up.
 * Here the start is now minus the process's age: /proc/uptime less the start tick in /proc/self/stat.
 */
final class ProcessStart {
    /** USER_HZ, the unit of starttime in /proc/PID/stat: 100 on every architecture jkboot runs on. */
    static final int USER_HZ = 100;
    /** starttime is field 22 of /proc/PID/stat; counted from field 3, the first after the "(comm)". */
    private static final int STARTTIME_AFTER_COMM = 22 - 3;

    private ProcessStart() {}

    /** This process's start; ProcessHandle's (or {@code now}) where /proc cannot tell. */
    static Instant ofThisProcess() {
        Instant now = Instant.now();
        try {
            Optional<Duration> age = age(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1),
                    Files.readString(Path.of("/proc/uptime"), StandardCharsets.ISO_8859_1));
            if (age.isPresent()) {
                return now.minus(age.get());
            }
        } catch (IOException e) {
            // fall through to the coarser answer
        }
        return ProcessHandle.current().info().startInstant().orElse(now);
    }

    /** How long ago the process of {@code stat} started, given {@code uptime}; empty if either text is malformed. */
    static Optional<Duration> age(String stat, String uptime) {
        int comm = stat.lastIndexOf(')');
        String[] fields = stat.substring(comm + 1).trim().split(" ");
        String[] up = uptime.trim().split(" ");
        if (comm < 0 || fields.length <= STARTTIME_AFTER_COMM || !isDigits(fields[STARTTIME_AFTER_COMM], 1, 15)
                || !isCentiseconds(up[0])) {
            return Optional.empty();
        }
        long startMs = Long.parseLong(fields[STARTTIME_AFTER_COMM]) * 1000 / USER_HZ;
        long uptimeMs = Long.parseLong(up[0].replace(".", "")) * 10;
        return uptimeMs >= startMs ? Optional.of(Duration.ofMillis(uptimeMs - startMs)) : Optional.empty();
    }

    /** Whether {@code text} is {@code least} to {@code most} ASCII digits (by hand: a regex costs start-up, issue 12). */
    private static boolean isDigits(String text, int least, int most) {
        if (text.length() < least || text.length() > most) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code /proc/uptime}'s seconds: 1 to 12 digits, a point, 2 digits. */
    private static boolean isCentiseconds(String text) {
        int point = text.length() - 3;
        return point >= 0 && text.charAt(point) == '.' && isDigits(text.substring(0, point), 1, 12)
                && isDigits(text.substring(point + 1), 2, 2);
    }
}
