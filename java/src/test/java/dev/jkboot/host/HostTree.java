package dev.jkboot.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a small host tree in a test's temp directory: files at host paths. */
final class HostTree {
    private final Path dir;

    HostTree(Path dir) {
        this.dir = dir;
    }

    HostRoot root() {
        return new HostRoot(dir);
    }

    HostTree text(String hostPath, String content) {
        return bytes(hostPath, content.getBytes(StandardCharsets.UTF_8));
    }

    HostTree bytes(String hostPath, byte[] content) {
        try {
            Path p = dir.resolve(hostPath.substring(1));
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HostTree directory(String hostPath) {
        try {
            Files.createDirectories(dir.resolve(hostPath.substring(1)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
