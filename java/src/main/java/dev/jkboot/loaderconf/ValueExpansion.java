package dev.jkboot.loaderconf;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the value of a plain loader.conf variable as config.lua's {@code processEnvVar} does:
 * {@code \c} stands for the character c, {@code $name} and {@code ${name}} for the current value
 * of another variable (empty when unset). Module properties are not expanded.
 */
final class ValueExpansion {
    private static final Pattern BARE_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)");
    private static final Pattern BRACED_NAME = Pattern.compile("\\{([^}]+)}");

    /** The expanded value, or why it cannot be expanded. */
    sealed interface Result {
        record Value(String text) implements Result {}

        record Error(String reason) implements Result {}
    }

    private ValueExpansion() {}

    static Result expand(String value, Function<String, String> variables) {
        return expand(value, variables, Integer.MAX_VALUE);
    }

    /** As {@link #expand(String, Function)}, refusing a value that would grow past {@code maxLength} characters. */
    static Result expand(String value, Function<String, String> variables, int maxLength) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 == value.length()) {
                    return new Result.Error("stray \\ at the end of the value");
                }
                out.append(value.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                if (i + 1 == value.length()) {
                    return new Result.Error("unescaped $ at the end of the value (write \\$ for a dollar sign)");
                }
                Pattern form = value.charAt(i + 1) == '{' ? BRACED_NAME : BARE_NAME;
                Matcher name = form.matcher(value).region(i + 1, value.length());
                if (!name.lookingAt()) {
                    return new Result.Error("malformed variable expression at position " + (i + 1));
                }
                i = name.end();
                String replacement = variables.apply(name.group(1));
                if (replacement != null && out.length() + replacement.length() > maxLength) {
                    return new Result.Error("the value would be longer than %d characters".formatted(maxLength));
                }
                out.append(replacement == null ? "" : replacement);
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result.Value(out.toString());
    }
}
