package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.freebsd.BootSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file to boot, wherever it lives: a path Linux can open, or a file inside a FreeBSD filesystem
 * jkboot reads itself. {@code name} is what FreeBSD's preload list calls it.
 */
public interface BootSource {
    String name();

    byte[] read() throws JkbootException;

    /** A file Linux can open. */
    static BootSource of(Path path) {
        return new BootSource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public byte[] read() throws BootSpecException {
                try {
                    return Files.readAllBytes(path);
                } catch (NoSuchFileException e) {
                    throw new BootSpecException(path + " does not exist", "check the path");
                } catch (IOException e) {
                    throw new BootSpecException("cannot read " + path + ": " + e.getMessage(),
                            "check that it is a readable regular file");
                }
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }
}
