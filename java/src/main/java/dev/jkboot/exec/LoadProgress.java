package dev.jkboot.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * A progress indicator for a file big enough to take a while to load (an mfsroot can be hundreds of
 * MiB), as FreeBSD's loader shows one: on a terminal a line redrawn in place as the percentage grows;
 * elsewhere (a log, a pipe) only the final line, so logs are not flooded; nothing at all where
 * stderr carries nothing but results' companions ({@code --json}).
 */
public final class LoadProgress {
    /** Files from this size on get an indicator: smaller ones load in a blink even under emulation. */
    public static final long THRESHOLD = 4L << 20;

    /** How progress shows. */
    public enum Style { LIVE, FINAL_LINE, NONE }

    private static final long MIB = 1L << 20;

    private final Style style;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private String what = "";
    private long total;
    private long done;
    private int shownPercent;
    private long startNanos;

    public LoadProgress(Style style, PrintStream out, LongSupplier nanoTime) {
        this.style = style;
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /** Live on a terminal, a final line otherwise, none with {@code quiet}: for jkboot's stderr. */
    public static LoadProgress onStderr(boolean quiet) {
        Style style = quiet ? Style.NONE : isTerminal(Path.of("/proc/self/fd/2")) ? Style.LIVE : Style.FINAL_LINE;
        return new LoadProgress(style, System.err, new LongSupplier() {
            @Override
            public long getAsLong() {
                return System.nanoTime(); // an anonymous class, not System::nanoTime: issue 12
            }
        });
    }

    /** Whether a /proc/self/fd link names a terminal: a pseudo terminal, a tty, a serial line or the console. */
    static boolean isTerminal(Path fdLink) {
        try {
            String target = Files.readSymbolicLink(fdLink).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Starts a file of {@code bytes} bytes. */
    public void begin(String name, long bytes) {
        what = name;
        total = bytes;
        done = 0;
        shownPercent = -1;
        startNanos = nanoTime.getAsLong();
        advance(0);
    }

    /** {@code bytes} more of the current file are in memory. */
    public void advance(long bytes) {
        done = Math.min(total, done + bytes);
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        if (style == Style.LIVE && percent != shownPercent) {
            out.print("\rjkboot: loading " + what + ": " + done / MIB + "/" + ceilMib(total) + " MiB (" + percent + "%)");
            out.flush();
        }
        shownPercent = percent;
    }

    /** The current file is loaded. */
    public void end() {
        long ms = (nanoTime.getAsLong() - startNanos) / 1_000_000;
        String line = "jkboot: loaded " + what + ": " + ceilMib(total) + " MiB in " + ms / 1000 + "." + ms % 1000 / 100
                + " s";
        switch (style) {
            case LIVE -> out.println("\r" + line + "          ");
            case FINAL_LINE -> out.println(line);
            case NONE -> { }
        }
        out.flush();
    }

    private static long ceilMib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }
}
