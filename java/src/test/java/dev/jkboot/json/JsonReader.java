package dev.jkboot.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON reader for tests, so they can check what jkboot printed by parsing it back.
 * Integers only, like {@link Json}; anything else fails the test with the offset.
 */
public final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    public static Json read(String text) {
        JsonReader r = new JsonReader(text);
        Json value = r.value();
        r.space();
        r.check(r.at == text.length(), "trailing text");
        return value;
    }

    /** The member {@code key} of object {@code o}, failing when absent. */
    public static Json get(Json o, String key) {
        return ((Json.Obj) o).members().stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no key " + key + " in " + o)).value();
    }

    /** The value at a path of keys and array indexes: {@code at(j, "memory", "usable", 0)}. */
    public static Json at(Json root, Object... path) {
        Json j = root;
        for (Object step : path) {
            j = step instanceof Integer i ? ((Json.Arr) j).items().get(i) : get(j, (String) step);
        }
        return j;
    }

    public static String str(Json root, Object... path) {
        return ((Json.Str) at(root, path)).value();
    }

    public static long num(Json root, Object... path) {
        return ((Json.Num) at(root, path)).value();
    }

    public static boolean bool(Json root, Object... path) {
        return ((Json.Bool) at(root, path)).value();
    }

    private Json value() {
        space();
        check(at < text.length(), "end of text");
        char c = text.charAt(at);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return new Json.Str(string());
        }
        if (text.startsWith("true", at) || text.startsWith("false", at) || text.startsWith("null", at)) {
            String word = text.startsWith("true", at) ? "true" : text.startsWith("false", at) ? "false" : "null";
            at += word.length();
            return word.equals("null") ? Json.Null.NULL : new Json.Bool(word.equals("true"));
        }
        int start = at;
        if (c == '-') {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        check(at > start, "a value");
        return new Json.Num(Long.parseLong(text.substring(start, at)));
    }

    private Json object() {
        at++;
        List<Json.Member> members = new ArrayList<>();
        space();
        if (text.charAt(at) == '}') {
            at++;
            return new Json.Obj(members);
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            members.add(new Json.Member(key, value()));
            space();
            if (text.charAt(at) == '}') {
                at++;
                return new Json.Obj(members);
            }
            expect(',');
        }
    }

    private Json array() {
        at++;
        List<Json> items = new ArrayList<>();
        space();
        if (text.charAt(at) == ']') {
            at++;
            return new Json.Arr(items);
        }
        while (true) {
            items.add(value());
            space();
            if (text.charAt(at) == ']') {
                at++;
                return new Json.Arr(items);
            }
            expect(',');
        }
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (true) {
            check(at < text.length(), "closing quote");
            char c = text.charAt(at++);
            if (c == '"') {
                return s.toString();
            }
            check(c >= 0x20, "no raw control characters in strings");
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> check(false, "a valid escape");
            }
        }
    }

    private void space() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private void expect(char c) {
        check(at < text.length() && text.charAt(at) == c, "'" + c + "'");
        at++;
    }

    private void check(boolean ok, String expected) {
        if (!ok) {
            throw new AssertionError("JSON: expected " + expected + " at offset " + at);
        }
    }
}
