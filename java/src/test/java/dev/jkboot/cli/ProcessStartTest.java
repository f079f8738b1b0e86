package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessStartTest {
    // A real line with its comm made awkward: blanks and a ')' inside the parentheses.
    private static final String STAT = "6260 (a) b (c) R 6214 6214 21133 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 "
            + "358383 3133440 412 18446744073709551615 94526771884032 94526771903913 0 0 0 0 0 0 0 0 0 17 1 0 0\n";

    @Test
    void ageIsUptimeLessTheStartTick() {
        // started at tick 358383 = 3583.83 s after boot; now 3600.00 s after boot
        assertEquals(Optional.of(Duration.ofMillis(16_170)), ProcessStart.age(STAT, "3600.00 7000.12\n"));
    }

    @Test
    void malformedTextsGiveNothing() {
        assertEquals(Optional.empty(), ProcessStart.age(STAT, "garbage"));
        assertEquals(Optional.empty(), ProcessStart.age("6260 (java) R 1 2 3", "3600.00 7000.12"));
        assertEquals(Optional.empty(), ProcessStart.age(STAT.replace("358383", "x"), "3600.00 7000.12"));
        assertEquals(Optional.empty(), ProcessStart.age("", ""));
        assertEquals(Optional.empty(), ProcessStart.age(STAT, "3000.00 7000.12"), "started after now");
    }

    @Test
    void thisProcessStartedBeforeNow() {
        assertFalse(ProcessStart.ofThisProcess().isAfter(Instant.now()));
    }
}
