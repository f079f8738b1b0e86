package dev.jkboot.host;

import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kernel's resource tree from {@code /proc/iomem}: lines {@code START-END : NAME}, hex,
 * END the last byte, indented two spaces per nesting level. Anything that does not fit that shape
 * exactly is refused with its line number rather than guessed at: the RAM map a boot is planned on
 * comes from here.
 */
public final class IomemParser {
    public static final String PATH = "/proc/iomem";
    /** Real files are a few KiB even on large servers. */
    static final int MAX_BYTES = 1 << 20;
    /** Linux prints at most a few levels of indentation and short names; longer is not iomem. */
    static final int MAX_LINE = 512;

    private IomemParser() {}

    public static List<IomemResource> read(HostRoot root) throws HostException {
        return parse(root.readText(PATH, MAX_BYTES), root.show(PATH));
    }

    /** The top-level resources of {@code text}; {@code where} names the file in errors. */
    public static List<IomemResource> parse(String text, String where) throws HostException {
        List<Line> lines = new ArrayList<>();
        List<String> raw = TextLines.of(text);
        for (int i = 0; i < raw.size(); i++) {
            lines.add(Line.parse(raw.get(i), i + 1, where));
        }
        if (!lines.isEmpty() && allZero(lines)) {
            throw new HostException(where,
                    "every range reads 00000000-00000000: the kernel hides addresses from readers "
                            + "without CAP_SYS_ADMIN",
                    "run jkboot as root");
        }
        return buildTree(lines, where);
    }

    private static boolean allZero(List<Line> lines) {
        for (Line l : lines) {
            if (l.first != 0 || l.last != 0) {
                return false;
            }
        }
        return true;
    }

    /** Each node frozen, in order. */
    private static List<IomemResource> frozen(List<Node> nodes) {
        List<IomemResource> resources = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            resources.add(n.freeze());
        }
        return List.copyOf(resources);
    }

    private static List<IomemResource> buildTree(List<Line> lines, String where)
            throws HostException {
        List<Node> roots = new ArrayList<>();
        List<Node> open = new ArrayList<>(); // the latest node at each depth, outermost first
        for (Line line : lines) {
            if (line.depth > 0 && open.isEmpty()) {
                throw HostException.atLine(where, line.number,
                        "is indented, but no line above encloses it", "");
            }
            if (line.depth > open.size()) {
                throw HostException.atLine(where, line.number,
                        "nested %d levels deep, but the line before is only %d deep"
                                .formatted(line.depth, open.size() - 1),
                        "");
            }
            open.subList(line.depth, open.size()).clear();
            Node node = new Node(line, line.range(where));
            List<Node> siblings = line.depth == 0 ? roots : open.get(line.depth - 1).children;
            if (line.depth > 0) {
                Node parent = open.get(line.depth - 1);
                if (!parent.range.contains(node.range)) {
                    throw HostException.atLine(where, line.number,
                            "%s lies outside its parent %s on line %d".formatted(
                                    show(node.range), show(parent.range), parent.line.number),
                            "");
                }
            }
            if (!siblings.isEmpty()) {
                Node previous = siblings.get(siblings.size() - 1);
                if (previous.range.overlaps(node.range)) {
                    throw HostException.atLine(where, line.number,
                            "%s overlaps %s on line %d at the same level".formatted(
                                    show(node.range), show(previous.range), previous.line.number),
                            "");
                }
                if (node.range.start() < previous.range.start()) {
                    throw HostException.atLine(where, line.number,
                            "%s comes after %s on line %d; the kernel lists ranges in address order"
                                    .formatted(show(node.range), show(previous.range),
                                            previous.line.number),
                            "");
                }
            }
            siblings.add(node);
            open.add(node);
        }
        return frozen(roots);
    }

    /** A range the way /proc/iomem writes it, so messages match what the user sees in the file. */
    static String show(Range r) {
        return "%08x-%08x".formatted(r.start(), r.last());
    }

    private record Line(int number, int depth, long first, long last, String name) {

        static Line parse(String text, int number, String where) throws HostException {
            if (text.length() > MAX_LINE) {
                throw HostException.atLine(where, number,
                        "is %d characters long; /proc/iomem lines are far shorter than %d"
                                .formatted(text.length(), MAX_LINE),
                        "");
            }
            int spaces = 0;
            while (spaces < text.length() && text.charAt(spaces) == ' ') {
                spaces++;
            }
            if (spaces % 2 != 0) {
                throw HostException.atLine(where, number,
                        "indented by %d spaces; /proc/iomem indents 2 per level".formatted(spaces),
                        "");
            }
            String body = text.substring(spaces);
            int separator = body.indexOf(" : ");
            int dash = body.indexOf('-');
            if (separator < 0 || dash < 0 || dash > separator) {
                throw HostException.atLine(where, number,
                        "\"%s\" is not START-END : NAME".formatted(body), "");
            }
            long first = hex(body.substring(0, dash), "start", number, where);
            long last = hex(body.substring(dash + 1, separator), "end", number, where);
            return new Line(number, spaces / 2, first, last, body.substring(separator + 3).strip());
        }

        private static long hex(String digits, String what, int number, String where)
                throws HostException {
            boolean hexOnly = !digits.isEmpty() && digits.length() <= 16 && allHexDigits(digits);
            if (!hexOnly) {
                throw HostException.atLine(where, number,
                        "%s \"%s\" is not a hexadecimal address".formatted(what, digits), "");
            }
            long value = Long.parseUnsignedLong(digits, 16);
            if (value < 0) {
                throw HostException.atLine(where, number,
                        "%s 0x%s is beyond any physical address".formatted(what, digits), "");
            }
            return value;
        }

        private static boolean allHexDigits(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The half-open range; iomem's inclusive END is converted here and nowhere else. */
        Range range(String where) throws HostException {
            if (last < first) {
                String problem = last == first - 1 ? "is empty" : "ends before it starts";
                throw HostException.atLine(where, number,
                        "%08x-%08x %s".formatted(first, last, problem), "");
            }
            return Range.inclusive(first, last);
        }
    }

    private static final class Node {
        final Line line;
        final Range range;
        final List<Node> children = new ArrayList<>();

        Node(Line line, Range range) {
            this.line = line;
            this.range = range;
        }

        IomemResource freeze() {
            return new IomemResource(range, line.name, frozen(children));
        }
    }
}
