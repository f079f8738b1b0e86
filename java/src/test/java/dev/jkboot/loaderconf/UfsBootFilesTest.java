package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.TestImages;
import dev.jkboot.ufs.Ufs2;
import dev.jkboot.ufs.UfsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loader.conf(5) read from a makefs-built UFS2 image instead of a mounted directory. */
class UfsBootFilesTest {
    @TempDir Path dir;

    private Path image() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("boot/kernel"));
        Files.createDirectories(src.resolve("boot/defaults"));
        Files.write(src.resolve("boot/kernel/kernel"), new byte[] {0x7f, 'E', 'L', 'F'});
        Files.writeString(src.resolve("boot/defaults/loader.conf"),
                "loader_conf_files=\"/boot/loader.conf\"\nkernel=\"kernel\"\n");
        Files.writeString(src.resolve("boot/loader.conf.real"), "autoboot_delay=\"3\"\nbeastie_disable=\"YES\"\n");
        Files.createSymbolicLink(src.resolve("boot/loader.conf"), Path.of("loader.conf.real"));
        Files.createSymbolicLink(src.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(src.resolve("loop2"), Path.of("loop1"));
        Path image = dir.resolve("ufs.img");
        TestImages.run("makefs", "-t", "ffs", "-o", "version=2", "-s", "2m", image.toString(), src.toString());
        return image;
    }

    @Test
    void readsTheConfigurationFromTheFileSystem() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image(), 512)) {
            UfsBootFiles files = new UfsBootFiles(Ufs2.open(dev, 0, dev.size(), "/dev/vda:2"));
            assertEquals(BootFiles.Kind.FILE, files.kind("/boot/loader.conf"));
            assertEquals(BootFiles.Kind.DIRECTORY, files.kind("/boot/kernel/.."));
            assertEquals(BootFiles.Kind.MISSING, files.kind("/boot/nope"));
            assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, files.read("/boot/kernel/kernel").orElseThrow());
            assertEquals(Optional.empty(), files.read("/boot/kernel"));
            assertEquals(Set.of("kernel", "defaults", "loader.conf", "loader.conf.real"), new HashSet<>(files.list("/boot")));
            assertEquals(List.of(), files.list("/boot/kernel/kernel"));
            assertEquals("/dev/vda:2", files.toString());

            ParsedConfig config = LoaderConfReader.read(files, Map.of());
            assertEquals("3", config.environment().get("autoboot_delay"));
            assertEquals("kernel", config.environment().get("kernel"));
        }
    }

    @Test
    void fileSystemErrorsBecomeIoExceptionsCarryingTheUfsError() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image(), 512)) {
            UfsBootFiles files = new UfsBootFiles(Ufs2.open(dev, 0, dev.size(), "/dev/vda:2"));
            IOException e = assertThrows(IOException.class, () -> files.read("/loop1"));
            assertEquals("/dev/vda:2: more than 32 symbolic links while resolving /loop1 (a loop?) "
                    + "(fix the symbolic links on the FreeBSD system)", e.getMessage());
            assertTrue(e.getCause() instanceof UfsException);
        }
    }
}
