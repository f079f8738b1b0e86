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

    @Override
    public String toString() {
        return new Origin(file, line) + ": " + message;
    }
}
