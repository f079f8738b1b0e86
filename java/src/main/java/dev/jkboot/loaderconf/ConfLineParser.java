package dev.jkboot.loaderconf;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies loader.conf(5) lines the way FreeBSD's Lua loader does (stand/lua/config.lua
 * {@code pattern_table}): patterns are tried in order (comment, the seven module properties,
 * exec, plain variable); the first whose name and value match decides, and then only a
 * {@code #} comment may follow the value, or the whole line is malformed.
 *
 * <p>A value is {@code "anything but a double quote"} or a bare word {@code [-alnum][-alnum_.]*};
 * the quoted form is tried first. Whitespace may surround the {@code =}. Escapes and
 * {@code $variables} are expanded later, and only for plain variables ({@link ValueExpansion}).
 */
final class ConfLineParser {
    private static final String QUOTED = "\"([^\"]*)\"";
    private static final String WORD = "([-A-Za-z0-9][-A-Za-z0-9_.]*)";
    private static final String MODULE = "([-A-Za-z0-9_.]+)";
    private static final String VARIABLE = "([A-Za-z0-9][-A-Za-z0-9_.]*)";
    private static final List<String> MODULE_PROPERTIES =
            List.of("load", "name", "type", "flags", "before", "after", "error");

    private static final Pattern IGNORED = line("(?:#.*)?");
    private static final List<Pattern[]> MODULE_PATTERNS = MODULE_PROPERTIES.stream()
            .map(p -> withValue(MODULE + "_" + p + "\\s*=\\s*"))
            .toList();
    private static final Pattern EXEC = line("exec\\s*=\\s*" + QUOTED + "\\s*(.*)");
    private static final Pattern[] ASSIGNMENT = withValue(VARIABLE + "\\s*=\\s*");

    private ConfLineParser() {}

    static ConfLine parse(String line) {
        if (IGNORED.matcher(line).matches()) {
            return new ConfLine.Ignored();
        }
        for (int i = 0; i < MODULE_PATTERNS.size(); i++) {
            Matcher m = firstMatch(MODULE_PATTERNS.get(i), line);
            if (m != null) {
                return commentOnlyAfter(m.group(3),
                        new ConfLine.ModuleSetting(m.group(1), MODULE_PROPERTIES.get(i), m.group(2)));
            }
        }
        Matcher exec = EXEC.matcher(line);
        if (exec.matches()) {
            return commentOnlyAfter(exec.group(2), new ConfLine.Exec(exec.group(1)));
        }
        Matcher assignment = firstMatch(ASSIGNMENT, line);
        if (assignment != null) {
            return commentOnlyAfter(assignment.group(3),
                    new ConfLine.Assignment(assignment.group(1), assignment.group(2)));
        }
        return new ConfLine.Malformed();
    }

    /** Lua has no alternation, so config.lua tries the quoted value and then the word: so do we. */
    private static Pattern[] withValue(String prefix) {
        return new Pattern[] {line(prefix + QUOTED + "\\s*(.*)"), line(prefix + WORD + "\\s*(.*)")};
    }

    private static Pattern line(String body) {
        return Pattern.compile("\\s*" + body, Pattern.DOTALL);
    }

    private static Matcher firstMatch(Pattern[] patterns, String line) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
        return null;
    }

    private static ConfLine commentOnlyAfter(String rest, ConfLine parsed) {
        return rest.isEmpty() || rest.startsWith("#") ? parsed : new ConfLine.Malformed();
    }
}
