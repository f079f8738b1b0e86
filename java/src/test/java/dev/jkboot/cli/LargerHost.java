package dev.jkboot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A captured host tree with more RAM: a copy of {@code direct-2g} whose System RAM line in
 * {@code /proc/iomem} ends higher (Linux's reserved ranges stay where they were) and whose
 * {@code /proc/meminfo} MemTotal says so, as the same VM started with a larger {@code --memory}
 * would show them. Nothing else of the tree changes.
 */
final class LargerHost {
    private static final String RAM_LINE = "40000000-bfffffff : System RAM";

    private LargerHost() {}

    /** {@code direct-2g} with {@code gib} GiB of RAM from 0x40000000, in {@code dir}. */
    static Path direct(Path dir, int gib) throws Exception {
        Path from = Path.of(CliRun.hostFixture("direct-2g"));
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        long end = 0x40000000L + ((long) gib << 30) - 1;
        replace(dir.resolve("proc/iomem"), RAM_LINE, "40000000-%x : System RAM".formatted(end));
        String meminfo = Files.readString(dir.resolve("proc/meminfo"));
        Files.writeString(dir.resolve("proc/meminfo"), meminfo.replaceFirst("MemTotal: +\\d+ kB",
                "MemTotal:        %d kB".formatted(((long) gib << 20) - 90_000)));
        return dir;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no line '" + from + "': was the tree re-captured?");
        }
        Files.writeString(file, text.replace(from, to));
    }
}
