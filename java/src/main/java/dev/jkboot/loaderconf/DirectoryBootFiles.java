package dev.jkboot.loaderconf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A FreeBSD root file system that Linux has mounted at a directory ({@code --root DIR}): FreeBSD
 * path "/boot/loader.conf" is {@code DIR/boot/loader.conf}, and "/.." stays at {@code DIR}.
 * Symbolic links are followed by Linux, so an absolute link inside the tree would point into the
 * host; a stock FreeBSD /boot has none.
 */
public final class DirectoryBootFiles implements BootFiles {
    private final Path root;

    public DirectoryBootFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Kind kind(String path) {
        Path p = resolve(path);
        if (Files.isRegularFile(p)) {
            return Kind.FILE;
        }
        if (Files.isDirectory(p)) {
            return Kind.DIRECTORY;
        }
        return Files.exists(p) ? Kind.OTHER : Kind.MISSING;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(p));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = resolve(dir);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(p)) {
            return entries.map(e -> e.getFileName().toString()).toList();
        }
    }

    /** Resolves component by component so that "..", as at a real root, stops at {@code DIR}. */
    private Path resolve(String path) {
        Path p = root;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                p = p.equals(root) ? root : p.getParent();
            } else {
                p = p.resolve(part);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
