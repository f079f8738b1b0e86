package dev.jkboot.host;

import java.util.Arrays;
import java.util.List;

/** The lines of a kernel text file: split on newlines, the final newline ending the last line. */
final class TextLines {
    private TextLines() {}

    static List<String> of(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }
}
