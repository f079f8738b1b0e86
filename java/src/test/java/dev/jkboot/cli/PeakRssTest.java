package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakRssTest {
    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tR (running)
            VmPeak:\t 2712344 kB
            VmSize:\t 2646808 kB
            VmHWM:\t   41236 kB
            VmRSS:\t   40112 kB
            Threads:\t13
            """;

    @Test
    void readsVmHwmNotTheOtherSizes() {
        assertEquals(OptionalLong.of(41236), PeakRss.kibFrom(STATUS));
    }

    @Test
    void aMissingOrMalformedLineGivesNothing() {
        assertEquals(OptionalLong.empty(), PeakRss.kibFrom(STATUS.replace("VmHWM", "VmXXX")));
        assertEquals(OptionalLong.empty(), PeakRss.kibFrom("VmHWM:\t   41236 MB\n"));
        assertEquals(OptionalLong.empty(), PeakRss.kibFrom("VmHWM:\t   -1 kB\n"));
        assertEquals(OptionalLong.empty(), PeakRss.kibFrom("VmHWM:\t 99999999999999999999 kB\n"));
        assertEquals(OptionalLong.empty(), PeakRss.kibFrom(""));
    }

    @Test
    void thisProcessHasAPeakOnLinux() {
        // The unit tests run on a Linux host: its /proc answers.
        assertTrue(PeakRss.ofThisProcess().orElse(0) > 1000, "a JVM holds more than 1 MiB");
    }
}
