package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevMemTest {
    /** A sparse stand-in for /dev/mem with {@code bytes} at physical {@code address}. */
    static void memoryWith(Path dir, long address, byte[] bytes) throws IOException {
        new HostTree(dir).directory("/dev");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("dev/mem").toFile(), "rw")) {
            f.seek(address);
            f.write(bytes);
        }
    }

    @Test
    void readsAtThePhysicalAddress(@TempDir Path dir) throws Exception {
        memoryWith(dir, 0x4f00_0000L, Hex.bytes("0102030405"));
        assertArrayEquals(Hex.bytes("02030405"),
                DevMem.read(new HostRoot(dir), 0x4f00_0001L, 4));
    }

    @Test
    void shortReadSaysHowShort(@TempDir Path dir) throws Exception {
        memoryWith(dir, 0x1000, Hex.bytes("0102"));
        HostException e = assertThrows(HostException.class,
                () -> DevMem.read(new HostRoot(dir), 0x1000, 48));
        assertEquals(dir.resolve("dev/mem") + ": short read: 2 of 48 bytes at 0x1000", e.getMessage());
    }

    @Test
    void missingDevMemIsEnoent(@TempDir Path dir) {
        HostException e = assertThrows(HostException.class,
                () -> DevMem.read(new HostRoot(dir), 0x1000, 48));
        assertTrue(e.reason().startsWith("ENOENT: does not exist"), e.reason());
    }

    @Test
    void readErrorsKeepTheKernelsWords(@TempDir Path dir) {
        new HostTree(dir).directory("/dev/mem");
        HostException e = assertThrows(HostException.class,
                () -> DevMem.read(new HostRoot(dir), 0x1000, 48));
        assertEquals("48 bytes at 0x1000: Is a directory", e.reason());
    }

    @Test
    void errnoNamesTheKnownCodes() {
        assertEquals("EPERM (Operation not permitted)",
                DevMem.errno(new IOException("Operation not permitted")));
        assertEquals("EFAULT (Bad address)", DevMem.errno(new IOException("Bad address")));
        assertTrue(DevMem.errno(new java.nio.file.AccessDeniedException("/dev/mem"))
                .startsWith("EACCES (Permission denied)"));
    }
}
