package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import dev.jkboot.plan.KexecSegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress of big files: redrawn on a terminal, one final line elsewhere, nothing with --json. */
class LoadProgressTest {
    private static final int MIB = 1 << 20;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong();

    private LoadProgress progress(LoadProgress.Style style) {
        return new LoadProgress(style, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void loadEightMib(LoadProgress p) {
        p.begin("/boot/mfsroot", 8L * MIB);
        clock.addAndGet(700_000_000L);
        p.advance(4L * MIB);
        p.advance(0);
        clock.addAndGet(800_000_000L);
        p.advance(4L * MIB);
        p.end();
    }

    @Test
    void onATerminalTheLineIsRedrawnOnlyWhenThePercentageChanges() {
        loadEightMib(progress(LoadProgress.Style.LIVE));
        assertEquals("\rjkboot: loading /boot/mfsroot: 0/8 MiB (0%)"
                + "\rjkboot: loading /boot/mfsroot: 4/8 MiB (50%)"
                + "\rjkboot: loading /boot/mfsroot: 8/8 MiB (100%)"
                + "\rjkboot: loaded /boot/mfsroot: 8 MiB in 1.5 s          " + System.lineSeparator(), printed());
    }

    @Test
    void elsewhereOnlyTheFinalLine() {
        loadEightMib(progress(LoadProgress.Style.FINAL_LINE));
        assertEquals("jkboot: loaded /boot/mfsroot: 8 MiB in 1.5 s" + System.lineSeparator(), printed());
    }

    @Test
    void quietPrintsNothing() {
        loadEightMib(progress(LoadProgress.Style.NONE));
        assertEquals("", printed());
    }

    @Test
    void progressNeverPassesTheFileSize() {
        LoadProgress p = progress(LoadProgress.Style.LIVE);
        p.begin("f", 3L * MIB);
        p.advance(5L * MIB);
        assertTrue(printed().endsWith("3/3 MiB (100%)"), printed());
    }

    @Test
    void terminalsAreTtysPseudoTerminalsAndTheConsole(@TempDir Path dir) throws IOException {
        assertTrue(LoadProgress.isTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"))));
        assertTrue(LoadProgress.isTerminal(Files.createSymbolicLink(dir.resolve("serial"), Path.of("/dev/ttyAMA0"))));
        assertTrue(LoadProgress.isTerminal(Files.createSymbolicLink(dir.resolve("console"), Path.of("/dev/console"))));
        assertFalse(LoadProgress.isTerminal(Files.createSymbolicLink(dir.resolve("log"), Path.of("/tmp/jkboot.log"))));
        assertFalse(LoadProgress.isTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[1234]"))));
        assertFalse(LoadProgress.isTerminal(dir.resolve("missing")));
    }

    private static ByteBuffer direct(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        while (b.hasRemaining()) {
            b.put((byte) 1);
        }
        return b.flip();
    }

    /** The host (x86-64) build of the shim, which reads the pages. */
    private static NativeKexec.Shim hostShim() {
        RequiredTool.useHostShim();
        try {
            return NativeKexec.load(NativeKexec.KEXEC_ARCH_X86_64, LoadProgress.onStderr(true)).shim();
        } catch (KexecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void prefetchReadsEveryPageOfABigFileOutsideTheHeapOnce() {
        // One file in two extents (UFS2 runs), 6 MiB together: one indicator for the file.
        KexecSegment.Piece first = new KexecSegment.Piece("/boot/mfsroot", 0x4000_0000L, direct(3 * MIB), 3L * MIB);
        KexecSegment.Piece second = new KexecSegment.Piece("/boot/mfsroot", 0x4030_0000L, direct(3 * MIB), 3L * MIB);
        KexecSegment mfs = new KexecSegment(0x4000_0000L, 6L * MIB, 6L * MIB, List.of(first, second));
        long pages = NativeKexec.prefetch(List.of(mfs), hostShim(), progress(LoadProgress.Style.FINAL_LINE));
        assertEquals(6L * MIB / 4096, pages);
        assertEquals(List.of("jkboot: loaded /boot/mfsroot: 6 MiB in 0.0 s"), printed().lines().toList());
    }

    @Test
    void smallFilesAndBytesInTheHeapGetNoIndicator() {
        KexecSegment.Piece small = new KexecSegment.Piece("/boot/small", 0x4000_0000L, direct(MIB), MIB);
        KexecSegment.Piece heap = new KexecSegment.Piece("/boot/kernel/kernel", 0x4100_0000L,
                ByteBuffer.allocate(5 * MIB), 5L * MIB);
        KexecSegment a = new KexecSegment(0x4000_0000L, MIB, MIB, List.of(small));
        KexecSegment b = new KexecSegment(0x4100_0000L, 5L * MIB, 5L * MIB, List.of(heap));
        assertEquals(0, NativeKexec.prefetch(List.of(a, b), hostShim(), progress(LoadProgress.Style.FINAL_LINE)));
        assertEquals("", printed());
    }
}
