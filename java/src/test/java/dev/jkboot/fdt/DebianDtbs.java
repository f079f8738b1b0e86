package dev.jkboot.fdt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The board DTBs of Debian's arm64 kernel package, unpacked by scripts/setup into the cache. */
final class DebianDtbs {
    private DebianDtbs() {}

    /** Where scripts/lib/common.sh puts the cache: $JKBOOT_CACHE, else $XDG_CACHE_HOME/jkboot, else ~/.cache/jkboot. */
    static Path libDir() {
        String cache = System.getenv("JKBOOT_CACHE");
        if (cache == null) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            cache = (xdg != null ? xdg : System.getProperty("user.home") + "/.cache") + "/jkboot";
        }
        return Path.of(cache, "arm64", "root", "usr", "lib");
    }

    /** Every {@code *.dtb} under {@code usr/lib/linux-image-*}, sorted; empty when not unpacked. */
    static List<Path> all() {
        Path lib = libDir();
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(lib)) {
            return files.filter(p -> lib.relativize(p).getName(0).toString().startsWith("linux-image-"))
                    .filter(p -> p.toString().endsWith(".dtb") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
