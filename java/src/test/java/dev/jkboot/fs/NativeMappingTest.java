package dev.jkboot.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files mapped by the x86-64 build of jkboot's shim, checked against what Java reads and what Linux lists in /proc/self/maps. */
class NativeMappingTest {
    @BeforeAll
    static void shim() {
        RequiredTool.useHostShim();
    }

    @Test
    void mapsTheFilesBytesReadOnlyAndSharedFromAPageOffset(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3 * 4096 + 100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + i / 4096);
        }
        Path file = Files.write(dir.resolve("md.img"), bytes);
        assertTrue(NativeMapping.available());
        try (NativeMapping opened = NativeMapping.open(file)) {
            assertEquals(bytes.length, opened.size());
            ByteBuffer whole = opened.map(0, bytes.length);
            assertTrue(whole.isDirect() && whole.isReadOnly());
            assertThrows(ReadOnlyBufferException.class, () -> whole.put(0, (byte) 1));
            byte[] read = new byte[bytes.length];
            whole.duplicate().get(read);
            assertArrayEquals(bytes, read);
            assertEquals("r--s", mapping(file).orElseThrow().split("\\s+")[1], "PROT_READ, MAP_SHARED");
            ByteBuffer tail = opened.map(8192, bytes.length - 8192);
            assertEquals(bytes[8192], tail.get(0));
            assertEquals(bytes[bytes.length - 1], tail.get(tail.limit() - 1));
        }
        assertArrayEquals(bytes, FileContent.map(file).toArray());
    }

    @Test
    void failuresAreTheOnesFileChannelReports(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(missing.toString(),
                assertThrows(NoSuchFileException.class, () -> NativeMapping.open(missing)).getMessage());
        assertEquals(dir + " is not a regular file", assertThrows(IOException.class, () -> FileContent.map(dir)).getMessage());
        Path file = Files.write(dir.resolve("short"), new byte[5000]);
        try (NativeMapping opened = NativeMapping.open(file)) {
            IOException past = assertThrows(IOException.class, () -> opened.map(4096, 4096));
            assertEquals(file + " ends before byte 8192: it changed while jkboot read it", past.getMessage());
            assertThrows(IOException.class, () -> opened.map(8192, 1), "an offset past the end");
            IOException odd = assertThrows(IOException.class, () -> opened.map(100, 10));
            assertEquals(file + " cannot be mapped: EINVAL", odd.getMessage(), "mmap needs a page-aligned offset");
        }
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IOException.class, () -> FileContent.map(fifo)));
        assertEquals(fifo + " is not a regular file", e.getMessage());
    }

    @Test
    void theMappingStaysWhileAViewIsHeldAndGoesAfter(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("unmapped-later.img"), new byte[] {0, 0, 0, 0, 42});
        ByteBuffer view;
        try (NativeMapping opened = NativeMapping.open(file)) {
            view = opened.map(0, 5).slice(4, 1);
        }
        collectGarbage(file, 20);
        assertTrue(mapping(file).isPresent(), "still in /proc/self/maps while a view is held");
        assertEquals(42, view.get(0));
        view = null;
        collectGarbage(file, 200);
        assertFalse(mapping(file).isPresent(), "munmap'ed by the cleaner once no buffer reaches the mapping");
    }

    /** Up to {@code rounds} collections, 20 ms apart, until {@code file} is no longer mapped. */
    private static void collectGarbage(Path file, int rounds) throws Exception {
        for (int i = 0; i < rounds && mapping(file).isPresent(); i++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    /** The /proc/self/maps line of {@code file}'s mapping, if it is mapped. */
    private static Optional<String> mapping(Path file) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith(" " + file)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
