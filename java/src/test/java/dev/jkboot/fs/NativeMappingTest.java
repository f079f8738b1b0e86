package dev.jkboot.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    void mapsTheFilesBytesReadOnlyFromAPageOffset(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3 * 4096 + 100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + i / 4096);
        }
        Path file = Files.write(dir.resolve("md.img"), bytes);
        assertTrue(NativeMapping.available());
        ByteBuffer whole = NativeMapping.map(file, 0, bytes.length);
        assertTrue(whole.isDirect());
        byte[] read = new byte[bytes.length];
        whole.duplicate().get(read);
        assertArrayEquals(bytes, read);
        ByteBuffer tail = NativeMapping.map(file, 8192, bytes.length - 8192);
        assertEquals(bytes[8192], tail.get(0));
        assertEquals(bytes[bytes.length - 1], tail.get(tail.limit() - 1));
        FileContent content = FileContent.map(file);
        assertArrayEquals(bytes, content.toArray());
        assertTrue(content.extents().get(0).bytes().isReadOnly());
    }

    @Test
    void failuresAreTheOnesFileChannelReports(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(missing.toString(),
                assertThrows(NoSuchFileException.class, () -> NativeMapping.map(missing, 0, 4096)).getMessage());
        Path file = Files.write(dir.resolve("short"), new byte[5000]);
        IOException past = assertThrows(IOException.class, () -> NativeMapping.map(file, 4096, 4096));
        assertEquals(file + " ends before byte 8192: it changed while jkboot read it", past.getMessage());
        assertThrows(IOException.class, () -> NativeMapping.map(file, 8192, 1), "an offset past the end");
        IOException odd = assertThrows(IOException.class, () -> NativeMapping.map(file, 100, 10));
        assertEquals(file + " cannot be mapped: EINVAL", odd.getMessage(), "mmap needs a page-aligned offset");
    }

    @Test
    void theMappingGoesWhenItsBuffersAreUnreachable(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("unmapped-later.img"), new byte[8192]);
        ByteBuffer slice = NativeMapping.map(file, 0, 8192).slice(4096, 4096);
        assertTrue(mapped(file), "listed in /proc/self/maps while a slice is held");
        assertEquals(0, slice.get(0));
        slice = null;
        for (int i = 0; i < 200 && mapped(file); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(mapped(file), "munmap'ed by the cleaner once no buffer reaches the mapping");
    }

    private static boolean mapped(Path file) throws IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains(file.toString());
    }
}
