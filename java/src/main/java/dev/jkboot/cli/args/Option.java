package dev.jkboot.cli.args;

import java.util.List;

/**
 * One option of a command, declared in code: its names, the label of its value (empty for a flag
 * that takes none), its help text, and what setting it does. No reflection and no annotations, so
 * that declaring a command costs a few objects at start.
 *
 * @param names the spellings, short ones ({@code -h}) before long ones ({@code --help})
 * @param label the value's label in help ({@code PATH}); empty for a flag
 * @param hidden left out of help and of suggestions (test hooks)
 * @param repeatable may be given more than once (each value is passed on in order)
 */
public record Option(List<String> names, String label, String description, boolean hidden, boolean repeatable,
                     Setter setter) {
    /** Takes an option's value; a value it cannot use is an {@link IllegalArgumentException} naming the accepted forms. */
    @FunctionalInterface
    public interface Setter {
        void set(String value);
    }

    public Option {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
    }

    /** An option without a value: {@code on} runs when it is given. */
    public static Option flag(String name, String description, Runnable on) {
        return new Option(List.of(name), "", description, false, false, value -> on.run());
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
