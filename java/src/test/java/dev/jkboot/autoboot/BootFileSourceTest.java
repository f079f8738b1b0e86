package dev.jkboot.autoboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import dev.jkboot.ufs.UfsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootFileSourceTest {
    @TempDir Path root;

    /** A medium whose every read fails with {@code failure}. */
    private static BootFiles failing(IOException failure) {
        return new BootFiles() {
            @Override
            public Kind kind(String path) throws IOException {
                throw failure;
            }

            @Override
            public Optional<byte[]> read(String path) throws IOException {
                throw failure;
            }

            @Override
            public List<String> list(String dir) throws IOException {
                throw failure;
            }

            @Override
            public String toString() {
                return "/dev/vda:2";
            }
        };
    }

    @Test
    void readsTheFileAndIsNamedAsFreeBsdNamesIt() throws Exception {
        Files.createDirectories(root.resolve("boot/kernel"));
        Files.write(root.resolve("boot/kernel/kernel"), new byte[] {0x7f, 'E', 'L', 'F'});
        BootFileSource source = new BootFileSource(new DirectoryBootFiles(root), "/boot/kernel/kernel");
        assertEquals("/boot/kernel/kernel", source.name());
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, source.read());
    }

    @Test
    void aMissingFileSaysWhichAndWhere() {
        BootFileSource source = new BootFileSource(new DirectoryBootFiles(root), "/boot/kernel/gone.ko");
        BootSpecException e = assertThrows(BootSpecException.class, source::read);
        assertEquals("/boot/kernel/gone.ko on " + root + " is missing or not a regular file", e.getMessage());
    }

    @Test
    void aDamagedFileSystemSurfacesAsItsOwnError() {
        UfsException damage = new UfsException("/dev/vda:2: inode 7 has a block pointer past the end", "fsck it");
        JkbootException e = assertThrows(JkbootException.class,
                () -> new BootFileSource(failing(new IOException("wrapped", damage)), "/boot/kernel/kernel").read());
        assertSame(damage, e);
    }

    @Test
    void anIoErrorNamesTheFileAndTheMedium() {
        BootSpecException e = assertThrows(BootSpecException.class,
                () -> new BootFileSource(failing(new IOException("Input/output error")), "/boot/kernel/kernel").read());
        assertEquals("cannot read /boot/kernel/kernel from /dev/vda:2: Input/output error", e.getMessage());
        assertTrue(e.fix().contains("dmesg"), e.fix());
    }
}
