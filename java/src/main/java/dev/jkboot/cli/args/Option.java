package dev.jkboot.cli.args;

import java.util.List;

/**
 * One option of a command, declared in code: its names, the label of its value (empty for a flag
 * that takes none), its help text, and who takes its value: the command or mixin that declared it,
 * which sets its own field by the option's name. No reflection, annotations or lambdas: under
 * qemu-user each lambda's call site cost about 10 ms to link at start (30 more when the CDS archive
 * lacks it), more than the whole table. A class, not a record: an option is one declaration,
 * compared by identity (a record's equals is bootstrapped through invokedynamic on first use, which
 * cost most of a second at start under qemu-user).
 */
public final class Option {
    /**
     * Takes the values of the options (and words) a command or mixin declared, by name; a value it
     * cannot use is an {@link IllegalArgumentException} naming the accepted forms.
     */
    public interface Setter {
        /** @param name the option's {@link #name()}, or the {@link Words#label()}; {@code value} is "" for a flag */
        void set(String name, String value);
    }

    private final List<String> names;
    private final String label;
    private final String description;
    private final boolean hidden;
    private final boolean repeatable;
    private final Setter setter;

    /**
     * @param names the spellings, short ones ({@code -h}) before long ones ({@code --help})
     * @param label the value's label in help ({@code PATH}); empty for a flag
     * @param hidden left out of help and of suggestions (test hooks)
     * @param repeatable may be given more than once (each value is passed on in order)
     */
    public Option(List<String> names, String label, String description, boolean hidden, boolean repeatable,
                  Setter setter) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        this.names = List.copyOf(names);
        this.label = label;
        this.description = description;
        this.hidden = hidden;
        this.repeatable = repeatable;
        this.setter = setter;
    }

    /** An option without a value. */
    public static Option flag(String name, String description, Setter setter) {
        return new Option(List.of(name), "", description, false, false, setter);
    }

    /** An option with a value, given as {@code --name VALUE} or {@code --name=VALUE}. */
    public static Option value(String name, String label, String description, Setter setter) {
        return new Option(List.of(name), label, description, false, false, setter);
    }

    /** The same option, kept out of help and suggestions. */
    public Option hide() {
        return new Option(names, label, description, true, repeatable, setter);
    }

    /** The same option, allowed more than once. */
    public Option repeat() {
        return new Option(names, label, description, hidden, true, setter);
    }

    public List<String> names() {
        return names;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public boolean hidden() {
        return hidden;
    }

    public boolean repeatable() {
        return repeatable;
    }

    public Setter setter() {
        return setter;
    }

    public boolean takesValue() {
        return !label.isEmpty();
    }

    /** The name errors use: the longest, which says most. */
    public String name() {
        return names.get(names.size() - 1);
    }

    boolean named(String word) {
        return names.contains(word);
    }
}
