package dev.jkboot.cli.args;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a command line against one {@link CommandTable}, in order, as picocli did for jkboot:
 * {@code --name VALUE} and {@code --name=VALUE}; a flag takes no value; {@code --} ends the
 * options; every other word goes to the table's {@link Words}. Setters run as their options come;
 * help or version stops the reading where it stands.
 */
public final class Parser {
    /** What the command line asks for once it has been read without error. */
    public enum Outcome {
        RUN, HELP, VERSION
    }

    private static final String END_OF_OPTIONS = "--";

    private Parser() {}

    /** @throws UsageException at the first thing wrong, before anything was done with the options */
    public static Outcome parse(CommandTable table, List<String> args) throws UsageException {
        List<Option> given = new ArrayList<>();
        boolean onlyWords = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyWords || !looksLikeOption(arg)) {
                word(table, arg);
                continue;
            }
            if (arg.equals(END_OF_OPTIONS)) {
                onlyWords = true;
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Optional<Option> found = table.option(name);
            if (found.isEmpty()) {
                if (table.switchesAreWords() && !arg.startsWith("--")) {
                    word(table, arg);
                    continue;
                }
                throw new UsageException("Unknown option: '" + arg + "'", Suggestions.near(name, table.visibleNames()));
            }
            Option option = found.get();
            if (option == table.help()) {
                return Outcome.HELP;
            }
            if (table.version().isPresent() && option == table.version().get()) {
                return Outcome.VERSION;
            }
            if (given.contains(option) && !option.repeatable()) {
                throw new UsageException("option '" + option.name() + "' should be given only once");
            }
            given.add(option);
            String value;
            if (!option.takesValue()) {
                if (eq > 0) {
                    throw new UsageException("option '" + option.name() + "' takes no value (got '"
                            + arg.substring(eq + 1) + "')");
                }
                value = "";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !isOption(table, args.get(i + 1))) {
                value = args.get(++i);
            } else {
                throw new UsageException("Missing required parameter for option '" + option.name() + "' ("
                        + option.label() + ")");
            }
            try {
                option.setter().set(option.name(), value);
            } catch (IllegalArgumentException e) {
                throw new UsageException("Invalid value for option '" + option.name() + "': " + e.getMessage());
            }
        }
        checkExclusive(table, given);
        return Outcome.RUN;
    }

    /** "-" alone is a word (standard input, by convention), as is anything not starting with '-'. */
    private static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-';
    }

    /** A word that would be read as an option, so it cannot be the value of the one before it. */
    private static boolean isOption(CommandTable table, String arg) {
        if (arg.equals(END_OF_OPTIONS)) {
            return true;
        }
        int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
        return table.option(eq > 0 ? arg.substring(0, eq) : arg).isPresent();
    }

    private static void word(CommandTable table, String arg) throws UsageException {
        List<String> subcommands = new ArrayList<>();
        for (CommandSummary s : table.subcommands()) {
            subcommands.add(s.name());
        }
        if (subcommands.contains(arg)) {
            throw new UsageException("the subcommand '" + arg + "' must come first: " + table.name() + " " + arg
                    + " [OPTIONS]");
        }
        if (table.words().isEmpty()) {
            throw new UsageException("Unexpected argument: '" + arg + "'", Suggestions.near(arg, subcommands));
        }
        try {
            Words words = table.words().get();
            words.sink().set(words.label(), arg);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), Suggestions.near(arg, subcommands));
        }
    }

    private static void checkExclusive(CommandTable table, List<Option> given) throws UsageException {
        for (List<Option> group : table.exclusive()) {
            List<String> both = new ArrayList<>();
            for (Option o : given) {
                if (group.contains(o)) {
                    both.add(o.name());
                }
            }
            if (both.size() > 1) {
                String last = both.remove(both.size() - 1);
                throw new UsageException(String.join(", ", both) + " and " + last
                        + " are mutually exclusive: give only one of them");
            }
        }
    }
}
