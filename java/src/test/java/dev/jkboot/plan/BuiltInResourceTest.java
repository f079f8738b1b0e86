package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jkboot's own files read from the class path entry that holds them, as the class loader would find them. */
class BuiltInResourceTest {
    @TempDir Path dir;
    private String classPath;

    @BeforeEach
    void keepClassPath() {
        classPath = System.getProperty("java.class.path");
    }

    @AfterEach
    void restoreClassPath() {
        System.setProperty("java.class.path", classPath);
    }

    private Path jar(String name, String entry, byte[] bytes) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("dev/jkboot/other.txt"));
            zip.write(1);
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(bytes);
        }
        return jar;
    }

    @Test
    void theFirstEntryOfTheClassPathThatHoldsItWins() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("dev/jkboot/plan"));
        Files.write(classes.resolve("dev/jkboot/plan/blob.bin"), new byte[] {1, 2, 3});
        Path withIt = jar("with.jar", "dev/jkboot/plan/blob.bin", new byte[] {4, 5});
        Path without = jar("without.jar", "dev/jkboot/plan/other.bin", new byte[] {6});
        String sep = File.pathSeparator;

        System.setProperty("java.class.path", without + sep + sep + withIt + sep + classes);
        assertArrayEquals(new byte[] {4, 5}, BuiltInResource.read(Trampoline.class, "blob.bin"), "from the jar");
        System.setProperty("java.class.path", dir.resolve("missing.jar") + sep + classes + sep + withIt);
        assertArrayEquals(new byte[] {1, 2, 3}, BuiltInResource.read(Trampoline.class, "blob.bin"), "from the directory");
    }

    @Test
    void offTheClassPathTheClassLoaderReadsIt() throws Exception {
        System.setProperty("java.class.path", dir.toString());
        byte[] expected;
        try (InputStream in = Trampoline.class.getResourceAsStream(Trampoline.BLOB)) {
            expected = in.readAllBytes();
        }
        assertArrayEquals(expected, BuiltInResource.read(Trampoline.class, Trampoline.BLOB));
        assertNull(BuiltInResource.read(Trampoline.class, "no-such-resource.bin"));
    }
}
