package dev.jkboot.fdt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference: dtc's decompiled DTS, reduced to comparable lines ("node /a", "prop /a name
 * hex-bytes", "memreserve addr size"), and the same lines from a model.
 */
final class Dtc {
    private Dtc() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder("dtc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code dtc -I dtb -O dts} of the blob. */
    static String decompile(byte[] blob) throws IOException, InterruptedException {
        Path file = Files.createTempFile("jkboot-fdt", ".dtb");
        try {
            Files.write(file, blob);
            Process p = new ProcessBuilder("dtc", "-q", "-I", "dtb", "-O", "dts", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dts;
            try (InputStream out = p.getInputStream()) {
                dts = new String(out.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("dtc failed on " + file);
            }
            return dts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The lines of a model. */
    static List<String> lines(Fdt fdt) {
        List<String> lines = new ArrayList<>();
        for (MemoryReservation r : fdt.reservations()) {
            lines.add("memreserve 0x%x 0x%x".formatted(r.address(), r.size()));
        }
        lines(fdt.root(), "/", lines);
        return lines;
    }

    private static void lines(FdtNode node, String path, List<String> lines) {
        lines.add("node " + path);
        for (FdtProperty p : node.properties()) {
            lines.add("prop " + path + " " + p.name() + " " + HexFormat.of().formatHex(p.value()));
        }
        for (FdtNode child : node.children()) {
            lines(child, (path.equals("/") ? "/" : path + "/") + child.name(), lines);
        }
    }

    /** The lines of dtc's DTS output (one statement per line, as dtc writes it). */
    static List<String> lines(String dts) {
        List<String> lines = new ArrayList<>();
        Deque<String> paths = new ArrayDeque<>();
        for (String raw : dts.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.equals("/dts-v1/;")) {
                continue;
            }
            if (line.startsWith("/memreserve/")) {
                String[] f = line.substring("/memreserve/".length(), line.length() - 1).strip().split("\\s+");
                lines.add("memreserve 0x%x 0x%x".formatted(Long.parseUnsignedLong(f[0].substring(2), 16),
                        Long.parseUnsignedLong(f[1].substring(2), 16)));
            } else if (line.endsWith(" {")) {
                String name = line.substring(0, line.length() - 2);
                String path = paths.isEmpty() ? "/" : (paths.peek().equals("/") ? "/" : paths.peek() + "/") + name;
                paths.push(path);
                lines.add("node " + path);
            } else if (line.equals("};")) {
                paths.pop();
            } else {
                String statement = line.substring(0, line.length() - 1);
                int eq = statement.indexOf(" = ");
                String name = eq < 0 ? statement : statement.substring(0, eq);
                byte[] value = eq < 0 ? new byte[0] : value(statement.substring(eq + 3));
                lines.add("prop " + paths.peek() + " " + name + " " + HexFormat.of().formatHex(value));
            }
        }
        return lines;
    }

    /** A DTS value: comma-separated {@code <cells>}, {@code "strings"} and {@code [bytes]}. */
    private static byte[] value(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = text.indexOf('>', i);
                for (String cell : text.substring(i + 1, end).strip().split("\\s+")) {
                    long v = cell.startsWith("0x") ? Long.parseLong(cell.substring(2), 16) : Long.parseLong(cell);
                    out.write((int) (v >>> 24));
                    out.write((int) (v >>> 16));
                    out.write((int) (v >>> 8));
                    out.write((int) v);
                }
                i = end + 1;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                out.writeBytes(HexFormat.of().parseHex(text.substring(i + 1, end).replace(" ", "")));
                i = end + 1;
            } else if (c == '"') {
                i = string(text, i + 1, out);
            } else {
                i++; // ", " between pieces
            }
        }
        return out.toByteArray();
    }

    /** Unescapes a string as dtc writes it, from after its quote; NUL-terminates it; returns where it ends. */
    private static int string(String text, int i, ByteArrayOutputStream out) {
        while (text.charAt(i) != '"') {
            char c = text.charAt(i++);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = text.charAt(i++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'v' -> out.write(11);
                case 'f' -> out.write('\f');
                case 'x' -> {
                    int end = i;
                    while (end < i + 2 && Character.digit(text.charAt(end), 16) >= 0) {
                        end++;
                    }
                    out.write(Integer.parseInt(text.substring(i, end), 16));
                    i = end;
                }
                // dtc writes a NUL as \0 even before a digit ("\07J1" is NUL, "7J1"), never octal.
                case '0' -> out.write(0);
                default -> out.write(e); // \\ and \"
            }
        }
        out.write(0);
        return i + 1;
    }
}
