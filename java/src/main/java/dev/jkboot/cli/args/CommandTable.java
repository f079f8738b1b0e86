package dev.jkboot.cli.args;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one command accepts, as help shows it: its options in order, the words that are not
 * options, which options exclude each other, and the subcommands it lists. Built in code for the
 * one command a run names, so nothing else is built at start.
 */
public final class CommandTable {
    private final String name;
    private final List<String> description;
    private final List<Option> options;
    private final Option help;
    private final Optional<Option> version;
    private final Optional<Words> words;
    private final List<List<Option>> exclusive;
    private final boolean switchesAreWords;
    private final List<CommandSummary> subcommands;

    private CommandTable(Builder b) {
        if (b.help == null) {
            throw new IllegalStateException(b.name + " has no help option");
        }
        name = b.name;
        description = List.copyOf(b.description);
        List<Option> all = new ArrayList<>(b.options);
        all.add(b.help);
        if (b.version != null) {
            all.add(b.version);
        }
        options = List.copyOf(all);
        help = b.help;
        version = Optional.ofNullable(b.version);
        words = Optional.ofNullable(b.words);
        exclusive = List.copyOf(b.exclusive);
        switchesAreWords = b.switchesAreWords;
        subcommands = List.copyOf(b.subcommands);
    }

    /** @param name the command as typed, {@code jkboot boot}: help and errors use it */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Paragraphs, each wrapped on its own line(s) in help; the first is the summary. */
    public List<String> description() {
        return description;
    }

    /** Every option, in help order, help and version last. */
    public List<Option> options() {
        return options;
    }

    public Option help() {
        return help;
    }

    public Optional<Option> version() {
        return version;
    }

    public Optional<Words> words() {
        return words;
    }

    /** Groups of options of which at most one may be given. */
    public List<List<Option>> exclusive() {
        return exclusive;
    }

    /**
     * Whether an unknown {@code -x} word is a word rather than an error ({@code boot}'s FreeBSD switches
     * such as {@code -sv}); an unknown {@code --name} stays an error, so a mistyped option is not a switch.
     */
    public boolean switchesAreWords() {
        return switchesAreWords;
    }

    public List<CommandSummary> subcommands() {
        return subcommands;
    }

    /** The option spelled {@code word}, if any. */
    public Optional<Option> option(String word) {
        for (Option o : options) {
            if (o.named(word)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Every visible name, for suggestions. */
    List<String> visibleNames() {
        List<String> names = new ArrayList<>();
        for (Option o : options) {
            if (!o.hidden()) {
                names.addAll(o.names());
            }
        }
        return names;
    }

    /** Help and version are answered by the parser; nothing is set. */
    private static final Option.Setter NONE = new Option.Setter() {
        @Override
        public void set(String name, String value) {
            // the parser returns HELP or VERSION instead
        }
    };

    /** Assembles a table; options appear in help in the order they are added. */
    public static final class Builder {
        private final String name;
        private final List<String> description = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();
        private Option help;
        private Option version;
        private Words words;
        private final List<List<Option>> exclusive = new ArrayList<>();
        private boolean switchesAreWords;
        private final List<CommandSummary> subcommands = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder describe(String... paragraphs) {
            description.addAll(List.of(paragraphs));
            return this;
        }

        public Builder add(Option option) {
            options.add(option);
            return this;
        }

        public Builder add(List<Option> more) {
            options.addAll(more);
            return this;
        }

        /** Adds {@code group}, of which a command line may give only one. */
        public Builder exclusive(Option... group) {
            options.addAll(List.of(group));
            exclusive.add(List.of(group));
            return this;
        }

        public Builder words(Words w) {
            words = w;
            return this;
        }

        /** Unknown single-dash words are words ({@link CommandTable#switchesAreWords()}). */
        public Builder switchesAreWords() {
            switchesAreWords = true;
            return this;
        }

        /** {@code -h, --help} and {@code -V, --version}, as picocli's standard help options were. */
        public Builder standardHelp() {
            help = new Option(List.of("-h", "--help"), "", "Show this help message and exit.", false, false, NONE);
            version = new Option(List.of("-V", "--version"), "", "Print version information and exit.", false,
                    false, NONE);
            return this;
        }

        /** {@code --help} alone, where {@code -h} means something else (FreeBSD's serial-console switch). */
        public Builder longHelpOnly() {
            help = Option.flag("--help", "Show this help.", NONE);
            return this;
        }

        public Builder subcommand(CommandSummary summary) {
            subcommands.add(summary);
            return this;
        }

        public CommandTable build() {
            return new CommandTable(this);
        }
    }
}
