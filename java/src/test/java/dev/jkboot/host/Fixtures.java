package dev.jkboot.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The host trees captured from QEMU VMs under test resources {@code host/<name>}. */
final class Fixtures {
    static final String[] ALL =
            {"direct-1g", "direct-2g", "uefi-1g", "uefi-2g", "uefi-dt-2g", "uefi-el2-gic3-2g", "direct-2g-memreserve",
                "uefi-2g-crashkernel"};

    private Fixtures() {}

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/host/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HostRoot root(String name) {
        return new HostRoot(dir(name));
    }

    /** A writable copy of a captured tree, for tests that add files such as /dev/mem. */
    static Path copy(String name, Path into) {
        Path from = dir(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
