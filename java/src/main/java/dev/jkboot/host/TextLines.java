package dev.jkboot.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a kernel text file: split on newlines, the final newline ending the last line; and
 * the words of a one-line file.
 */
final class TextLines {
    private TextLines() {}

    static List<String> of(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }

    /**
     * The words of {@code text} between runs of whitespace (regex {@code \s}), leading and trailing
     * whitespace ignored; one empty word for a blank text, as {@code text.strip().split("\\s+")}
     * gives, without compiling a regex on the start-up path (issue 12).
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            while (at < text.length() && LineScanner.isSpace(text.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < text.length() && !LineScanner.isSpace(text.charAt(at))) {
                at++;
            }
            if (at > start) {
                words.add(text.substring(start, at));
            }
        }
        return words.isEmpty() ? List.of("") : words;
    }
}
