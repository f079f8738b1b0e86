package dev.jkboot.host;

/**
 * A cursor over one line of a kernel text file, for the small grammars of /proc and /sys files
 * ({@code Uid:\t0\t0\t0\t0}, {@code ACPI20=0x7b5e0000}). Hand parsing instead of java.util.regex:
 * on jkboot's start-up path compiling and matching a pattern costs tens of milliseconds under
 * emulation (issue 12). Each method consumes what it accepts and answers whether it did.
 */
final class LineScanner {
    private final String line;
    private int at;

    LineScanner(String line) {
        this.line = line;
    }

    /** The literal {@code text}. */
    boolean literal(String text) {
        if (!line.startsWith(text, at)) {
            return false;
        }
        at += text.length();
        return true;
    }

    /** One or more of regex's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    boolean spaces() {
        int start = at;
        while (at < line.length() && isSpace(line.charAt(at))) {
            at++;
        }
        return at > start;
    }

    /** One to {@code most} digits of {@code radix} (10 or 16, either case), or null (nothing consumed). */
    String digits(int radix, int most) {
        int start = at;
        while (at < line.length() && at - start < most && Character.digit(line.charAt(at), radix) >= 0
                && line.charAt(at) < 0x80) {
            at++;
        }
        if (at == start || at < line.length() && Character.digit(line.charAt(at), radix) >= 0
                && line.charAt(at) < 0x80) {
            at = start;
            return null;
        }
        return line.substring(start, at);
    }

    /** A name: one character of {@code first}, then up to {@code most - 1} of {@code rest}, or null. */
    String name(String first, String rest, int most) {
        int start = at;
        if (at >= line.length() || first.indexOf(line.charAt(at)) < 0) {
            return null;
        }
        at++;
        while (at < line.length() && at - start < most && rest.indexOf(line.charAt(at)) >= 0) {
            at++;
        }
        return line.substring(start, at);
    }

    boolean atEnd() {
        return at == line.length();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
