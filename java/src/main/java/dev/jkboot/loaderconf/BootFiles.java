package dev.jkboot.loaderconf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the FreeBSD file system that holds {@code /boot}, by absolute path as the
 * FreeBSD loader names files ("/boot/loader.conf"). Implementations: a directory Linux mounted
 * ({@link DirectoryBootFiles}) or a UFS reader.
 *
 * <p>An {@link IOException} means the medium could not be read; a missing file is not an error.
 */
public interface BootFiles {
    /** What a path names. Symbolic links are followed. */
    enum Kind { MISSING, FILE, DIRECTORY, OTHER }

    Kind kind(String path) throws IOException;

    /** The bytes of a regular file, or empty when the path is missing or not a regular file. */
    Optional<byte[]> read(String path) throws IOException;

    /** The entry names in a directory (without "." and ".."), in any order; empty when not a directory. */
    List<String> list(String dir) throws IOException;
}
