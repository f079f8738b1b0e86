package dev.jkboot.plan;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A file built into jkboot (the trampoline), read from the class path entry that holds it with
 * java.util.zip or java.nio directly. The class loader's getResourceAsStream finds the same entry,
 * first on the class path, but through URL handlers, jar URL connections and protection domains:
 * 0.2 s of a boot in the TCG VM, on the thread that reads the files (issue 12). Where the class
 * path does not name it (another class loader, as in a test runner), the class loader reads it.
 */
final class BuiltInResource {
    private BuiltInResource() {}

    /** The bytes of {@code name} in {@code owner}'s package; null when there is no such resource. */
    static byte[] read(Class<?> owner, String name) throws IOException {
        String path = owner.getPackageName().replace('.', '/') + '/' + name;
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            File place = new File(entry);
            if (place.isDirectory()) {
                File file = new File(place, path);
                if (file.isFile()) {
                    return Files.readAllBytes(file.toPath());
                }
            } else if (place.isFile() && entry.endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(place)) {
                    ZipEntry e = jar.getEntry(path);
                    if (e != null) {
                        try (InputStream in = jar.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    }
                }
            }
        }
        try (InputStream in = owner.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
