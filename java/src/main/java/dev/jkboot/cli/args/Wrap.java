package dev.jkboot.cli.args;

import java.util.ArrayList;
import java.util.List;

/** Text broken into lines at spaces; a word longer than a line gets a line of its own, unbroken. */
final class Wrap {
    private Wrap() {}

    /** Lines of at most {@code first} characters for the first and {@code rest} for the others. */
    static List<String> lines(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int width = first;
        int at = 0;
        while (at < text.length()) {
            int space = text.indexOf(' ', at);
            int end = space < 0 ? text.length() : space;
            if (end > at) {
                String word = text.substring(at, end);
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    width = rest;
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            at = end + 1;
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
