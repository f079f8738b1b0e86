package dev.jkboot.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link MenuOnATerminal} in a JVM whose standard input and output are a pseudo-terminal
 * (util-linux {@code script}), types keys once the menu has asked for them and reads what a
 * person on a serial console would see. Waits are for output to appear, bounded only so that a
 * broken menu fails instead of hanging.
 */
class LinuxTerminalPtyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @BeforeAll
    static void needsScriptAndStty() {
        // script gives the menu a pseudo-terminal; the menu itself runs stty on it.
        RequiredTool.require("script");
        RequiredTool.require("stty");
    }

    @Test
    void keysArriveOneByOneUnechoedAndTheTerminalIsRestored() throws Exception {
        try (Session s = Session.start("NO")) {
            s.expect("Choose 1-5: ");
            s.type("2");
            s.expect("2. Single user: on");
            s.type("3");
            s.expect("3. Verbose:     on");
            s.type("\r");
            s.expect("RESTORED");
            assertTrue(s.output().contains("CHOICE Boot[kernel=kernel, howto=0x1802 (RB_SINGLE|RB_VERBOSE|RB_SERIAL)]"),
                    s.output());
            assertTrue(s.output().contains("RESTORED true"), s.output());
            assertFalse(s.output().contains("Choose 1-5: 2"), "typed keys are not echoed:\n" + s.output());
            assertEquals(0, s.exitStatus());
        }
    }

    @Test
    void theCountdownRunsOutWithoutAKey() throws Exception {
        try (Session s = Session.start("1")) {
            s.expect("RESTORED");
            assertTrue(s.output().contains("Autoboot in 1 seconds"), s.output());
            assertTrue(s.output().contains("CHOICE Boot[kernel=kernel, howto=0x1000 (RB_SERIAL)]"), s.output());
        }
    }

    @Test
    void aKeyStopsTheCountdown() throws Exception {
        try (Session s = Session.start("60")) {
            s.expect("Autoboot in ");
            s.type("5");
            s.expect("RESTORED");
            assertTrue(s.output().contains("CHOICE Shell[]"), s.output());
        }
    }

    /** The menu program under {@code script}, with its output collected as it comes. */
    private static final class Session implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuilder output = new StringBuilder();

        private Session(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            Thread reader = new Thread(() -> collect(process.getInputStream()), "pty-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Session start(String autobootDelay) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path repo = Path.of(System.getProperty("jkboot.repo.dir", "."));
            String classpath = repo.resolve("target/classes") + ":" + repo.resolve("target/test-classes");
            String command = java + " -cp " + classpath + " " + MenuOnATerminal.class.getName() + " " + autobootDelay;
            return new Session(new ProcessBuilder(List.of("script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true)
                    .start());
        }

        private void collect(InputStream in) {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (output) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // The process ended; what was read is in output.
            }
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Waits until {@code text} has been shown, failing with everything shown so far. */
        void expect(String text) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!output().contains(text)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("never saw \"" + text + "\"; the terminal showed:\n" + output());
                }
                Thread.sleep(20);
            }
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        int exitStatus() throws InterruptedException {
            assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the menu program did not exit");
            return process.exitValue();
        }

        @Override
        public void close() throws IOException {
            keys.close();
            process.destroyForcibly();
        }
    }
}
