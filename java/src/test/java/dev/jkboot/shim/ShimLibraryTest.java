package dev.jkboot.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the shim and refusing, before {@link System#load}, a file that is missing, not an ELF shared
 * object or built for another machine. ELF headers are written here byte by byte (elf.h's layout); the
 * two real builds of the shim are checked too, the aarch64 one being refused on x86-64.
 */
class ShimLibraryTest {
    @TempDir Path dir;

    /** The first 20 bytes of an ELF file: e_ident, e_type at 16, e_machine at 18. */
    private static byte[] elfHeader(int elfClass, int type, int machine) {
        ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, 1, 1});
        h.putShort(16, (short) type).putShort(18, (short) machine);
        return h.array();
    }

    private Path file(byte[] bytes) throws Exception {
        return Files.write(dir.resolve(ShimLibrary.FILE), bytes);
    }

    @Test
    void withoutTheDirectoryPropertyTheMessageNamesTheLauncher() {
        ShimLibrary.Unavailable e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.locate(null));
        assertEquals("jkboot's native shim libjkboot.so cannot be found: the system property jkboot.shim.dir is not set",
                e.getMessage());
        assertTrue(e.fix().contains("-Djkboot.shim.dir="), e.fix());
        assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.locate(""));
    }

    @Test
    void theShimIsTheAbsoluteLibjkbootSoInTheDirectory() throws Exception {
        assertEquals(Path.of("/opt/jkboot/native/libjkboot.so"), ShimLibrary.locate("/opt/jkboot/native"));
        assertTrue(ShimLibrary.locate("build/native").isAbsolute(), "System.load takes absolute paths only");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("libjkboot.so");
        ShimLibrary.Unavailable e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(missing, "aarch64"));
        assertTrue(e.getMessage().startsWith("jkboot's native shim " + missing + " cannot be read"), e.getMessage());
        assertTrue(e.fix().contains("rebuild with scripts/build"), e.fix());
    }

    @Test
    void aShimForTheOtherMachineIsRefusedNamingBoth() throws Exception {
        Path a64 = file(elfHeader(2, 3, ShimLibrary.EM_AARCH64));
        ShimLibrary.Unavailable e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(a64, "amd64"));
        assertEquals("jkboot's native shim " + a64 + " is built for aarch64, but this Java runs on amd64", e.getMessage());
        assertTrue(e.fix().startsWith("install the jkboot build made for this machine"), e.fix());
        ShimLibrary.check(a64, "aarch64");

        Path x86 = file(elfHeader(2, 3, ShimLibrary.EM_X86_64));
        e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(x86, "aarch64"));
        assertEquals("jkboot's native shim " + x86 + " is built for x86-64, but this Java runs on aarch64", e.getMessage());
        ShimLibrary.check(x86, "amd64");
        e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(x86, "riscv64"));
        assertTrue(e.getMessage().endsWith("is built for x86-64, but this Java runs on riscv64"), e.getMessage());
        Path other = file(elfHeader(2, 3, 243));
        e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(other, "amd64"));
        assertTrue(e.getMessage().contains("is built for ELF machine 243"), e.getMessage());
    }

    @Test
    void anythingButA64BitLittleEndianSharedObjectIsRefused() throws Exception {
        String notElf = "is not a 64-bit little-endian ELF shared object";
        byte[] good = elfHeader(2, 3, ShimLibrary.EM_X86_64);
        byte[][] bad = {
            "#!/bin/sh\necho not a library\n".getBytes(),  // not ELF
            elfHeader(1, 3, ShimLibrary.EM_X86_64),         // ELFCLASS32
            elfHeader(2, 2, ShimLibrary.EM_X86_64),         // ET_EXEC
            java.util.Arrays.copyOf(good, 19),              // cut inside the header
            new byte[0],
        };
        for (byte[] b : bad) {
            Path f = file(b);
            ShimLibrary.Unavailable e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(f, "amd64"));
            assertTrue(e.getMessage().endsWith(notElf), e.getMessage());
        }
        byte[] bigEndian = good.clone();
        bigEndian[5] = 2;
        Path f = file(bigEndian);
        assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(f, "amd64"));
    }

    @Test
    void theTwoBuildsOfTheShimAreRecognised() throws Exception {
        Path nativeDir = Path.of(System.getProperty("jkboot.native.dir", "build/native"), "shim");
        Path x86 = nativeDir.resolve("x86_64/libjkboot.so");
        Path a64 = nativeDir.resolve("aarch64/libjkboot.so");
        RequiredTool.require(Files.isRegularFile(x86) && Files.isRegularFile(a64),
                "the shim's builds are missing under " + nativeDir + " (scripts/build builds them)");
        ShimLibrary.check(x86, "amd64");
        ShimLibrary.check(a64, "aarch64");
        ShimLibrary.Unavailable e = assertThrows(ShimLibrary.Unavailable.class, () -> ShimLibrary.check(a64, "amd64"));
        assertTrue(e.getMessage().endsWith("is built for aarch64, but this Java runs on amd64"), e.getMessage());
    }
}
