package dev.jkboot.loaderconf;

/**
 * Something in the configuration that was skipped or that jkboot does differently from FreeBSD's
 * loader, with where it came from. {@code line} is the 1-based physical line, or 0 when the
 * problem concerns a whole file or directory.
 */
public record ConfigProblem(String file, int line, String message) {
    ConfigProblem(Origin origin, String message) {
        this(origin.file(), origin.line(), message);
    }

    // equals and hashCode written out: the record's own link through ObjectMethods at their first
    // call, a cost of every autoboot under emulation (docs/measurements.md, "start-up").
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigProblem p && p.line == line && p.file.equals(file) && p.message.equals(message);
    }

    @Override
    public int hashCode() {
        return (file.hashCode() * 31 + line) * 31 + message.hashCode();
    }

    @Override
    public String toString() {
        return new Origin(file, line) + ": " + message;
    }
}
