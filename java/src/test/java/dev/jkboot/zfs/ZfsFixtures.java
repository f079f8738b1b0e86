package dev.jkboot.zfs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.FileBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The zfs-fuse pools under src/test/resources/zfs (made by scripts/zfs-fixtures, described in
 * their README), unpacked once per test run into a temporary directory, and their manifests.
 */
final class ZfsFixtures {
    private static final Path DIR = Path.of("java/src/test/resources/zfs");
    private static final Map<String, Path> UNPACKED = new HashMap<>();

    private ZfsFixtures() {}

    /** The unpacked vdev file {@code name} (e.g. "zroot.img"), shared by the tests of a run. */
    static synchronized Path image(String name) {
        return UNPACKED.computeIfAbsent(name, n -> {
            try {
                Path out = Files.createTempFile("jkboot-zfs-", "-" + n);
                out.toFile().deleteOnExit();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(n + ".gz")))) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A copy of the unpacked image that a test may damage. */
    static Path copy(String name, Path dir) throws IOException {
        return Files.copy(image(name), dir.resolve(name));
    }

    static BlockDevice device(Path image) throws Exception {
        return FileBlockDevice.openImage(image, 512);
    }

    static List<BlockDevice> devices(String... names) throws Exception {
        List<BlockDevice> out = new ArrayList<>();
        for (String n : names) {
            out.add(device(image(n)));
        }
        return out;
    }

    /** The manifest's records of {@code kind} ("file", "link", "dir", "pool", "vdev", "dataset"), split on tabs. */
    static List<String[]> manifest(String pool, String kind) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(pool + ".manifest"))) {
            String[] f = line.split("\t");
            if (f[0].equals(kind)) {
                out.add(f);
            }
        }
        return out;
    }
}
