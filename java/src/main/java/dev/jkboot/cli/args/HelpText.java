package dev.jkboot.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's help as picocli laid it out: the usage line, the description, then the options with
 * their value labels and descriptions in aligned columns and the subcommands, wrapped to fit
 * {@link #WIDTH} columns.
 */
public final class HelpText {
    public static final int WIDTH = 80;
    /** Names longer than this put their description on the next line, so the column stays wide. */
    private static final int NAMES_MAX = 30;
    private static final int GAP = 2;
    /** Where long names start: after the short ones ("-h, "), as picocli aligns them. */
    private static final String NO_SHORT = "    ";

    private HelpText() {}

    public static String render(CommandTable table) {
        StringBuilder out = new StringBuilder();
        String head = "Usage: " + table.name() + " ";
        indented(out, head, synopsis(table), head.length());
        for (String paragraph : table.description()) {
            indented(out, "", paragraph, 0);
        }
        List<String[]> rows = new ArrayList<>();
        table.words().ifPresent(w -> rows.add(new String[] {"  " + NO_SHORT + "[" + w.label() + "...]", w.description()}));
        for (Option o : table.options()) {
            if (!o.hidden()) {
                rows.add(new String[] {names(o), o.description()});
            }
        }
        out.append("\nOptions:\n");
        columns(out, rows);
        if (!table.subcommands().isEmpty()) {
            List<String[]> commands = new ArrayList<>();
            for (CommandSummary s : table.subcommands()) {
                commands.add(new String[] {"  " + s.name(), s.summary()});
            }
            out.append("\nCommands:\n");
            columns(out, commands);
        }
        return out.toString();
    }

    /** "[OPTIONS] [--a | --b] [WORDS...] [COMMAND]": the options are listed below, the groups are rules. */
    private static String synopsis(CommandTable table) {
        StringBuilder s = new StringBuilder("[OPTIONS]");
        for (List<Option> group : table.exclusive()) {
            s.append(" [");
            for (int i = 0; i < group.size(); i++) {
                s.append(i == 0 ? "" : " | ").append(group.get(i).name());
            }
            s.append(']');
        }
        table.words().ifPresent(w -> s.append(" [").append(w.label()).append("...]"));
        if (!table.subcommands().isEmpty()) {
            s.append(" [COMMAND]");
        }
        return s.toString();
    }

    /** "  -h, --help" or "      --kernel=PATH". */
    private static String names(Option o) {
        StringBuilder shorts = new StringBuilder();
        StringBuilder longs = new StringBuilder();
        for (String n : o.names()) {
            StringBuilder to = n.startsWith("--") ? longs : shorts;
            to.append(to.length() > 0 ? ", " : "").append(n);
        }
        String left = shorts.length() == 0 ? NO_SHORT + longs
                : longs.length() == 0 ? shorts.toString() : shorts + ", " + longs;
        return "  " + left + (o.takesValue() ? "=" + o.label() : "");
    }

    /** Rows of (names, description); descriptions start in one column, after the widest names that fit. */
    private static void columns(StringBuilder out, List<String[]> rows) {
        int column = 0;
        for (String[] row : rows) {
            if (row[0].length() <= NAMES_MAX) {
                column = Math.max(column, row[0].length() + GAP);
            }
        }
        for (String[] row : rows) {
            if (row[0].length() + GAP <= column) {
                indented(out, row[0] + " ".repeat(column - row[0].length()), row[1], column);
            } else {
                out.append(row[0]).append('\n');
                indented(out, " ".repeat(column), row[1], column);
            }
        }
    }

    /** {@code head} then {@code text} wrapped, its further lines indented by {@code indent}. */
    private static void indented(StringBuilder out, String head, String text, int indent) {
        List<String> lines = Wrap.lines(text, WIDTH - head.length(), WIDTH - indent);
        out.append(head).append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            out.append(" ".repeat(indent)).append(lines.get(i)).append('\n');
        }
    }
}
