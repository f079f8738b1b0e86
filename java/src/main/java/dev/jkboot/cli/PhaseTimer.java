package dev.jkboot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Wall-clock phases of one run, measured from the process start (so JVM start-up shows as its own
 * phase), for {@code -v} and {@code --json}.
 */
final class PhaseTimer {
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private Instant last;

    PhaseTimer(Supplier<Instant> processStart) {
        last = processStart.get();
    }

    static PhaseTimer sinceProcessStart() {
        return new PhaseTimer(ProcessStart::ofThisProcess);
    }

    /** Ends the current phase under {@code name} and starts the next. */
    void mark(String name) {
        Instant now = Instant.now();
        phases.put(name, Duration.between(last, now));
        last = now;
    }

    Map<String, Duration> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** One line: each phase, the total, and the process's peak RSS when known. */
    String render(OptionalLong peakRssKiB) {
        StringBuilder sb = new StringBuilder("timings:");
        long total = 0;
        for (Map.Entry<String, Duration> e : phases.entrySet()) {
            sb.append(" %s %d ms,".formatted(e.getKey(), e.getValue().toMillis()));
            total += e.getValue().toMillis();
        }
        sb.append(" total %d ms".formatted(total));
        peakRssKiB.ifPresent(kib -> sb.append(", peak RSS %d KiB".formatted(kib)));
        return sb.toString();
    }
}
