package dev.jkboot.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a mistyped option or subcommand was probably meant to be: those within a few edits
 * (insert, delete, replace, swap two neighbours) of it, nearest first, or that it is the start of
 * ({@code --trampoline} for {@code --trampoline-uart}). Leading dashes are not counted.
 */
public final class Suggestions {
    /** Shorter typed names match too much; {@code -x} is not a near miss of {@code -h}. */
    private static final int MIN_LENGTH = 2;
    /** A prefix must say this much to stand for a longer name. */
    private static final int MIN_PREFIX = 3;

    private Suggestions() {}

    /** The candidates near {@code typed}, in the order of their distance, then of {@code candidates}. */
    public static List<String> near(String typed, List<String> candidates) {
        String t = undashed(typed);
        List<String> found = new ArrayList<>();
        if (t.length() < MIN_LENGTH) {
            return found;
        }
        int allowed = 1 + t.length() / 6;
        for (int d = 0; d <= allowed; d++) {
            for (String c : candidates) {
                String u = undashed(c);
                boolean prefix = d == 0 && t.length() >= MIN_PREFIX && u.startsWith(t);
                if (!found.contains(c) && (prefix || distance(t, u) == d)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static String undashed(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i);
    }

    /** Edits from a to b (optimal string alignment: Levenshtein plus one swap of neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
