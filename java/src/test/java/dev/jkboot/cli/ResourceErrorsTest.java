package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory or stack is reported like any refusal: one error line, one fix line, no stack trace. */
class ResourceErrorsTest {
    private static List<String> report(Throwable t, int status) {
        StringWriter text = new StringWriter();
        assertEquals(status, ErrorReporter.report(t, new PrintWriter(text)));
        List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("jkboot: error: "), lines.get(0));
        assertTrue(lines.get(1).startsWith("jkboot: fix: "), lines.get(1));
        return lines;
    }

    @Test
    void exhaustionIsOneErrorAndOneFix() {
        assertTrue(report(new OutOfMemoryError("Java heap space"), ExitStatus.HOST).get(0)
                .startsWith("jkboot: error: out of memory (Java heap space); the Java heap may grow to "));
        assertEquals("jkboot: error: out of stack (StackOverflowError)",
                report(new StackOverflowError(), ExitStatus.INTERNAL).get(0));
        assertTrue(report(new InternalError("a fault occurred in an unsafe memory access operation"), ExitStatus.INPUT)
                .get(0).startsWith("jkboot: error: a mapped file could not be read"));
    }

    @Test
    void otherFailuresStayBugsWithTheirTrace() {
        StringWriter text = new StringWriter();
        assertEquals(ExitStatus.INTERNAL, ErrorReporter.report(new IllegalStateException("boom"), new PrintWriter(text)));
        assertTrue(text.toString().contains("internal error") && text.toString().contains("\tat "), text.toString());
    }

    /**
     * A kernel larger than the heap, in a JVM of its own with 32 MiB of heap: the read runs out of
     * memory, and jkboot says so for that file, with exit 4 and no stack trace.
     */
    @Test
    void aKernelLargerThanTheHeapIsAnErrorNotACrash(@TempDir Path dir) throws Exception {
        Path kernel = dir.resolve("kernel");
        try (RandomAccessFile f = new RandomAccessFile(kernel.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "boot", "--dry-run",
                "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", kernel.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitStatus.INPUT, p.waitFor(), err);
        assertTrue(err.startsWith("jkboot: error: " + kernel + " (268435456 bytes) does not fit in jkboot's Java heap "
                + "(at most "), err);
        assertTrue(err.contains("\njkboot: fix: give the JVM more heap"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
    }
}
