package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessStartTest {
    // A real line with its comm made awkward: blanks and a ')' inside the parentheses.
    private static final String STAT = "6260 (a) b (c) R 6214 6214 21133 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 "
            + "358383 3133440 412 18446744073709551615 94526771884032 94526771903913 0 0 0 0 0 0 0 0 0 17 1 0 0\n";

    /**
     * Captured from Linux 6.18 (x86-64): /proc/PID/stat of sleep run through a symlink named
     * "a) b (c) R 1", read 0.31 s after it started, with /proc/uptime read right after. The comm holds a
     * ')', blanks and what look like the state and ppid fields; starttime (field 22) is 97370 ticks.
     */
    private static final String CAPTURED = "10486 (a) b (c) R 1) S 10485 10482 4034 0 -1 4194304 137 0 0 0 0 0 0 0 20 0 1 0 "
            + "97370 2990080 390 18446744073709551615 93980272504832 93980272522761 140726265576272 0 0 0 0 6 0 1 0 0 17 "
            + "1 0 0 0 0 0 93980272536848 93980272538112 93981031710720 140726265580244 140726265580265 140726265580265 "
            + "140726265581542 0\n";
    private static final String CAPTURED_UPTIME = "974.01 1423.13\n";

    @Test
    void ageIsUptimeLessTheStartTick() {
        // started at tick 358383 = 3583.83 s after boot; now 3600.00 s after boot
        assertEquals(Optional.of(Duration.ofMillis(16_170)), ProcessStart.age(STAT, "3600.00 7000.12\n"));
    }

    @Test
    void aCapturedLineIsReadAfterTheLastParenthesis() {
        // 974.01 s - 973.70 s. Split at the first ')' the starttime would be "0" (field 21 of the decoy) and the
        // age the whole uptime; counted from the first blank it would be 2990080 (vsize), after "now".
        assertEquals(Optional.of(Duration.ofMillis(310)), ProcessStart.age(CAPTURED, CAPTURED_UPTIME));
    }

    @Test
    void eachFieldPositionCounts() {
        // starttime alone differs from its neighbours (itrealvalue 21, vsize 23): only field 22 gives 12.34 s.
        String stat = "1 (x) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 11 1234 13 0 0\n";
        assertEquals(Optional.of(Duration.ofMillis(12_340)), ProcessStart.age(stat, "24.68 0.00"));
        // A comm that is only parentheses, and one that ends in ") " plus a fake tail of 20 fields.
        assertEquals(Optional.of(Duration.ofMillis(12_340)), ProcessStart.age(stat.replace("(x)", "())"), "24.68 0.00"));
        String decoy = stat.replace("(x)", "(x) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99999 )");
        assertEquals(Optional.of(Duration.ofMillis(12_340)), ProcessStart.age(decoy, "24.68 0.00"));
    }

    @Test
    void ticksAreHundredthsOfASecondAndTheAgeCanBeZero() {
        String stat = STAT.replace(" 358383 ", " 1 ");
        assertEquals(Optional.of(Duration.ZERO), ProcessStart.age(stat, "0.01 0.00"), "started this very tick");
        assertEquals(Optional.of(Duration.ofMillis(10)), ProcessStart.age(stat, "0.02 0.00"));
        // Linux's uptime after 31 700 years, the most the parser accepts (12 integer digits), and a start a tick earlier.
        String late = STAT.replace(" 358383 ", " 99999999999998 ");
        assertEquals(Optional.of(Duration.ofMillis(10)), ProcessStart.age(late, "999999999999.99 0.00"));
    }

    @Test
    void malformedTextsGiveNothing() {
        assertEquals(Optional.empty(), ProcessStart.age(STAT, "garbage"));
        assertEquals(Optional.empty(), ProcessStart.age("6260 (java) R 1 2 3", "3600.00 7000.12"));
        assertEquals(Optional.empty(), ProcessStart.age(STAT.replace("358383", "x"), "3600.00 7000.12"));
        assertEquals(Optional.empty(), ProcessStart.age(STAT.replace("358383", "-1"), "3600.00 7000.12"));
        assertEquals(Optional.empty(), ProcessStart.age(STAT.replace("(a) b (c)", "a b c"), "3600.00 7000.12"),
                "no comm in parentheses");
        assertEquals(Optional.empty(), ProcessStart.age(STAT, "3600.0 7000.12"), "uptime has two decimals");
        assertEquals(Optional.empty(), ProcessStart.age("", ""));
        assertEquals(Optional.empty(), ProcessStart.age(STAT, "3000.00 7000.12"), "started after now");
    }

    @Test
    void thisProcessesOwnStatAndUptimeAreUnderstood() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1);
        String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.ISO_8859_1);
        Optional<Duration> age = ProcessStart.age(stat, uptime);
        assertTrue(age.isPresent(), stat + uptime);
        // This JVM has been running at least as long as its own clock says, give or take a tick each way.
        long jvmUp = ManagementFactory.getRuntimeMXBean().getUptime();
        assertTrue(age.get().toMillis() >= jvmUp - 20, "age " + age.get() + ", JVM uptime " + jvmUp + " ms");
    }

    @Test
    void thisProcessStartedJustBeforeTheJvmSaysItStarted() {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Instant start = ProcessStart.ofThisProcess();
        // The kernel's start tick precedes the JVM's first clock reading (within 20 ms of rounding), and not by
        // much: the process was exec'd to start this JVM.
        assertTrue(!start.isAfter(jvmStart.plusMillis(20)), start + " is after the JVM's start " + jvmStart);
        assertTrue(start.isAfter(jvmStart.minusSeconds(30)), start + " is long before the JVM's start " + jvmStart);
        // ProcessHandle counts from the whole-second boot time, so it is up to a second earlier, never later.
        Instant coarse = ProcessHandle.current().info().startInstant().orElseThrow();
        Duration early = Duration.between(coarse, start);
        assertTrue(!early.isNegative() || early.abs().toMillis() <= 20, "ProcessHandle says " + coarse + ", we say " + start);
        assertTrue(early.toMillis() <= 1_020, "ProcessHandle says " + coarse + ", we say " + start);
    }
}
