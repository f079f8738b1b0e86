package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.fs.FileContent;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file to boot, wherever it lives: a path Linux can open, or a file inside a FreeBSD filesystem
 * jkboot reads itself. {@code name} is what FreeBSD's preload list calls it.
 *
 * <p>Kernels, modules and device trees are parsed, so they are read whole into the heap
 * ({@link #read}); raw files such as an {@code md_image} are only copied, so they stay outside the
 * heap ({@link #content}), and their {@link #size} is known before anything is read.
 */
public interface BootSource {
    /** The largest file {@link #read} can return: the limit of a Java array. */
    long MAX_READ = Integer.MAX_VALUE - 8;

    String name();

    /** The whole file in a new array. */
    byte[] read() throws JkbootException;

    /** The file's size, without reading it. */
    default long size() throws JkbootException {
        return content().size();
    }

    /** The file's bytes, of any size, read only when used (mapped where the source allows). */
    default FileContent content() throws JkbootException {
        return FileContent.of(read());
    }

    /** A file Linux can open (its links followed: the user named it on the host). */
    static BootSource of(Path path) {
        return new BootSource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public long size() throws BootSpecException {
                try {
                    requireRegular();
                    return Files.size(path);
                } catch (IOException e) {
                    throw cannotRead(e);
                }
            }

            @Override
            public byte[] read() throws BootSpecException {
                long size = size();
                if (size > MAX_READ) {
                    throw new BootSpecException("%s is %d bytes, more than jkboot reads whole (2 GiB): kernels, "
                            .formatted(path, size) + "modules and device trees are read into memory to be parsed",
                            "check that the path names a kernel, module or device tree; load large files with a type "
                                    + "(PATH:md_image), which are mapped instead");
                }
                try {
                    return Files.readAllBytes(path);
                } catch (OutOfMemoryError e) {
                    throw tooBigForHeap(path.toString(), size);
                } catch (IOException e) {
                    throw cannotRead(e);
                }
            }

            @Override
            public FileContent content() throws BootSpecException {
                try {
                    requireRegular();
                    return FileContent.map(path);
                } catch (IOException e) {
                    throw cannotRead(e);
                }
            }

            private void requireRegular() throws IOException, BootSpecException {
                if (Files.exists(path) && !Files.isRegularFile(path)) {
                    throw new BootSpecException(path + " is not a regular file",
                            "give the path of the file itself (a directory or device cannot be loaded)");
                }
            }

            private BootSpecException cannotRead(IOException e) {
                if (e instanceof NoSuchFileException) {
                    return new BootSpecException(path + " does not exist", "check the path");
                }
                String why = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
                return new BootSpecException("cannot read " + path + ": " + why,
                        "check that it is a readable regular file", e);
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /** A file read whole did not fit the Java heap: said with its size and the heap's limit. */
    static BootSpecException tooBigForHeap(String name, long size) {
        return new BootSpecException("%s (%d bytes) does not fit in jkboot's Java heap (at most %d MiB)"
                .formatted(name, size, Runtime.getRuntime().maxMemory() >> 20),
                "give the JVM more heap (-Xmx in the launcher) or the machine more RAM; only kernels, modules and "
                        + "device trees are read into the heap, raw files (md_image) are mapped");
    }
}
