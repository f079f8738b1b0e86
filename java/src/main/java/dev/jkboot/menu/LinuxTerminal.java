package dev.jkboot.menu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The console Linux gives jkboot, switched to single-key input with
 * {@code stty -icanon -echo min 0 time 1}: keys arrive without Enter and are not echoed, and a
 * read returns after at most 0.1 s even when no key came, which gives {@link #readKey} its
 * timeout without threads or native code. Output processing and signals are left alone, so
 * "\n" still prints as CR LF and Ctrl-C still stops jkboot.
 *
 * <p>stty runs on jkboot's own standard input (inherited) rather than {@code < /dev/tty}: as
 * PID 1 on /dev/console jkboot has no controlling terminal, and /dev/tty cannot be opened. stty
 * must be on the PATH (busybox provides it). The settings saved with {@code stty -g} come back on
 * {@link #close()}, or from a shutdown hook when the JVM is stopped first.
 *
 * <p>Use it only when standard input is a terminal; the caller decides (e.g. with
 * {@code System.console()}).
 */
public final class LinuxTerminal implements Terminal, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final InputStream in;
    private final OutputStream out;
    private final String saved;
    private final Thread restoreAtExit;

    private LinuxTerminal(InputStream in, OutputStream out, String saved) {
        this.in = in;
        this.out = out;
        this.saved = saved;
        this.restoreAtExit = new Thread(this::restoreQuietly, "jkboot-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreAtExit);
    }

    /** Saves the terminal settings of standard input and switches it to single keys. */
    public static LinuxTerminal open(InputStream in, OutputStream out) throws IOException {
        String saved = stty("-g").strip();
        stty("-icanon", "-echo", "min", "0", "time", "1");
        return new LinuxTerminal(in, out, saved);
    }

    @Override
    public OptionalInt readKey(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            long start = System.nanoTime();
            int b = in.read();
            if (b >= 0) {
                return OptionalInt.of(b);
            }
            if (System.nanoTime() - start < POLL.toNanos() / 2) {
                // No 0.1 s wait means end of input (a hung-up line): do not spin on it.
                sleep(POLL);
            }
        } while (System.nanoTime() < deadline);
        return OptionalInt.empty();
    }

    @Override
    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Puts the saved settings back. */
    @Override
    public void close() throws IOException {
        stty(saved);
        try {
            Runtime.getRuntime().removeShutdownHook(restoreAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it restores the same settings again, harmlessly.
        }
    }

    private void restoreQuietly() {
        try {
            stty(saved);
        } catch (IOException e) {
            // The JVM is exiting; there is nobody left to tell.
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int status = p.waitFor();
            if (status != 0) {
                throw new IOException("'" + String.join(" ", command) + "' on standard input failed (exit " + status
                        + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        return output;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a key", e);
        }
    }
}
