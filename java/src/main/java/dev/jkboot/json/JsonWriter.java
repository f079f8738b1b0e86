package dev.jkboot.json;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes a {@link Json} value as text: two-space indentation, one member or item per line,
 * strings escaped as RFC 8259 requires (quote, backslash, control characters), plus lone
 * surrogates, which UTF-8 cannot carry.
 */
public final class JsonWriter {
    private JsonWriter() {}

    public static String write(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, out);
        return out.append('\n').toString();
    }

    private static void write(Json value, int depth, StringBuilder out) {
        if (value instanceof Json.Str s) {
            string(s.value(), out);
        } else if (value instanceof Json.Num n) {
            out.append(n.value());
        } else if (value instanceof Json.Bool b) {
            out.append(b.value());
        } else if (value instanceof Json.Arr a) {
            container('[', a.items(), ']', depth, out, (item, o) -> write(item, depth + 1, o));
        } else if (value instanceof Json.Obj o) {
            container('{', o.members(), '}', depth, out, (member, b) -> {
                string(member.key(), b);
                b.append(": ");
                write(member.value(), depth + 1, b);
            });
        } else {
            out.append("null");
        }
    }

    private static <T> void container(char open, List<T> elements, char close, int depth,
            StringBuilder out, BiConsumer<T, StringBuilder> element) {
        out.append(open);
        for (int i = 0; i < elements.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(depth + 1, out);
            element.accept(elements.get(i), out);
        }
        if (!elements.isEmpty()) {
            out.append('\n');
            indent(depth, out);
        }
        out.append(close);
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedAt(s, i))) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair. */
    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
