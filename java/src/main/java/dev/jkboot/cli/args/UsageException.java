package dev.jkboot.cli.args;

import java.util.List;

/**
 * The command line itself is wrong (an unknown option, a missing or bad value, options that
 * exclude each other): nothing was read or done. Reported as one message, the names the user may
 * have meant, and where help is; exit status 2.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> suggestions;

    public UsageException(String message) {
        this(message, List.of());
    }

    /** @param suggestions names near what was typed, best first; may be empty */
    public UsageException(String message, List<String> suggestions) {
        super(message);
        this.suggestions = List.copyOf(suggestions);
    }

    public List<String> suggestions() {
        return suggestions;
    }

    /** The lines for stderr: the message, "did you mean", and the hint to run {@code command --help}. */
    public String report(String command) {
        StringBuilder s = new StringBuilder(getMessage()).append('\n');
        if (!suggestions.isEmpty()) {
            s.append(suggestions.size() == 1 ? "Did you mean: " : "Did you mean one of: ")
                    .append(String.join(", ", suggestions)).append("?\n");
        }
        return s.append("Try '").append(command).append(" --help' for more information.\n").toString();
    }
}
