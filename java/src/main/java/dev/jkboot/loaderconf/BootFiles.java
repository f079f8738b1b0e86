package dev.jkboot.loaderconf;

import dev.jkboot.JkbootException;
import dev.jkboot.fs.FileContent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the FreeBSD file system that holds {@code /boot}, by absolute path as the
 * FreeBSD loader names files ("/boot/loader.conf"). Implementations: a directory Linux mounted
 * ({@link DirectoryBootFiles}) or a UFS reader ({@link UfsBootFiles}); both resolve paths by the
 * one rule of {@link dev.jkboot.fs.PathWalk}, inside the FreeBSD file system.
 *
 * <p>An {@link IOException} means the medium could not be read (or a path could not be resolved:
 * a link loop); a missing file is not an error.
 */
public interface BootFiles {
    /** What a path names. Symbolic links are followed. */
    enum Kind { MISSING, FILE, DIRECTORY, OTHER }

    Kind kind(String path) throws IOException;

    /**
     * The bytes of a regular file, whole, in the Java heap (configuration files, kernels, modules);
     * empty when the path is missing or not a regular file.
     */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * A regular file's contents, of any size, without reading them yet ({@link FileContent}: mapped
     * where the source allows); empty when the path is missing or not a regular file. Its size is
     * known before anything is read, so callers refuse what is too large first.
     */
    default Optional<FileContent> open(String path) throws IOException {
        return read(path).map(FileContent::of);
    }

    /** The entry names in a directory (without "." and ".."), in any order; empty when not a directory. */
    List<String> list(String dir) throws IOException;

    /**
     * At most {@code limit} of the entry names in a directory, in any order: ask for one more than
     * you accept to tell a directory that is too large.
     */
    default List<String> list(String dir, int limit) throws IOException {
        List<String> all = list(dir);
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /**
     * A reader's error as the {@link IOException} this interface throws, its fix kept in the message
     * and the error itself as the cause (so callers can still tell a refusal from a damaged medium).
     */
    static IOException unreadable(JkbootException e) {
        return new IOException(e.getMessage() + (e.fix().isEmpty() ? "" : " (" + e.fix() + ")"), e);
    }
}
