package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PhaseTimerTest {
    @Test
    void rendersEachPhaseTheTotalAndThePeakRss() {
        PhaseTimer t = new PhaseTimer(Instant::now);
        t.mark("one");
        t.mark("two");
        assertEquals(List.of("one", "two"), List.copyOf(t.phases().keySet()));
        String line = t.render(OptionalLong.of(41236));
        assertTrue(line.matches("timings: one \\d+ ms, two \\d+ ms, total \\d+ ms, peak RSS 41236 KiB"), line);
    }

    @Test
    void workAlongsideIsNamedAfterTheTotalAndNotCountedInIt() {
        PhaseTimer t = new PhaseTimer(Instant::now);
        t.mark("one");
        t.alongside("files", java.time.Duration.ofMillis(420));
        String line = t.render(OptionalLong.of(41236));
        assertTrue(line.matches("timings: one \\d+ ms, total \\d+ ms, files alongside 420 ms, peak RSS 41236 KiB"),
                line);
        assertEquals(List.of("one"), List.copyOf(t.phases().keySet()));
    }

    @Test
    void anUnknownPeakIsLeftOut() {
        PhaseTimer t = new PhaseTimer(Instant::now);
        t.mark("one");
        assertTrue(t.render(OptionalLong.empty()).matches("timings: one \\d+ ms, total \\d+ ms"));
    }
}
