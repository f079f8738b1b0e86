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
    /** Work done on a second thread meanwhile (not part of the total), by name. */
    private final Map<String, Duration> alongside = new LinkedHashMap<>();
    private Instant last;

    PhaseTimer(Supplier<Instant> processStart) {
        last = processStart.get();
    }

    static PhaseTimer sinceProcessStart() {
        return new PhaseTimer(new Supplier<>() {
            @Override
            public Instant get() {
                return ProcessStart.ofThisProcess(); // not a method reference: the first costs start-up (issue 12)
            }
        });
    }

    /** Ends the current phase under {@code name} and starts the next. */
    void mark(String name) {
        Instant now = Instant.now();
        phases.put(name, Duration.between(last, now));
        last = now;
    }

    /** {@code name} took {@code took} on a second thread, alongside the phases. */
    void alongside(String name, Duration took) {
        alongside.put(name, took);
    }

    Map<String, Duration> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** One line: each phase, the total, and the process's peak RSS when known. */
    String render(OptionalLong peakRssKiB) {
        StringBuilder sb = new StringBuilder("timings:");
        long total = 0;
        for (Map.Entry<String, Duration> e : phases.entrySet()) {
            sb.append(' ').append(e.getKey()).append(' ').append(e.getValue().toMillis()).append(" ms,");
            total += e.getValue().toMillis();
        }
        sb.append(" total ").append(total).append(" ms");
        for (Map.Entry<String, Duration> e : alongside.entrySet()) {
            sb.append(", ").append(e.getKey()).append(" alongside ").append(e.getValue().toMillis()).append(" ms");
        }
        if (peakRssKiB.isPresent()) {
            sb.append(", peak RSS ").append(peakRssKiB.getAsLong()).append(" KiB");
        }
        return sb.toString();
    }
}
