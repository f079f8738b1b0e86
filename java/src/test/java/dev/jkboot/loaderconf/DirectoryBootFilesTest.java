package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBootFilesTest {

    @Test
    void freeBsdPathsAreUnderTheDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("boot/kernel"));
        Files.write(dir.resolve("boot/kernel/kernel"), new byte[] {0x7f, 'E', 'L', 'F'});
        DirectoryBootFiles files = new DirectoryBootFiles(dir);
        assertEquals(BootFiles.Kind.FILE, files.kind("/boot/kernel/kernel"));
        assertEquals(BootFiles.Kind.DIRECTORY, files.kind("/boot/kernel"));
        assertEquals(BootFiles.Kind.DIRECTORY, files.kind("/"));
        assertEquals(BootFiles.Kind.MISSING, files.kind("/boot/nope"));
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, files.read("/boot/kernel/kernel").orElseThrow());
        assertEquals(Optional.empty(), files.read("/boot/kernel"));
        assertEquals(Optional.empty(), files.read("/boot/nope"));
        assertEquals(List.of("kernel"), files.list("/boot"));
        assertEquals(List.of(), files.list("/boot/kernel/kernel"));
        assertEquals(List.of(), files.list("/nope"));
    }

    @Test
    void dotDotStopsAtTheRootLikeOnARealRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("outside"), "secret");
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("outside"), "inside");
        DirectoryBootFiles files = new DirectoryBootFiles(root);
        assertEquals("inside", new String(files.read("/../outside").orElseThrow()));
        assertEquals("inside", new String(files.read("/boot/../../../outside").orElseThrow()));
        assertEquals(BootFiles.Kind.DIRECTORY, files.kind("boot/./"));
    }
}
