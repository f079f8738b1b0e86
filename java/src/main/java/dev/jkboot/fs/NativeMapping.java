package dev.jkboot.fs;

import dev.jkboot.shim.Errno;
import dev.jkboot.shim.ShimLibrary;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file mapped by jkboot's C shim ({@code jk_open_regular}, {@code jk_map_fd}, native/shim)
 * instead of {@link java.nio.channels.FileChannel#map}: the JDK's first map initialises
 * java.lang.invoke for its {@code ExtendedMapMode}, 0.3 s of CPU in the TCG VM, which a boot paid
 * on its critical path or on a third thread that took CPU from the other two (issue 12). The
 * mapping is the same: read-only and shared, so Linux's {@code kexec_load} copies straight from the
 * page cache, and unmapped once its buffer (and every view of it) is unreachable. The file is opened
 * once, so its size and all its extents come from the same file even if the path is replaced.
 */
final class NativeMapping implements AutoCloseable {
    /** Opens {@code path} (NUL-terminated) for mapping: its descriptor, or -errno; {@code size[0]} = its size. */
    private static native long open(byte[] path, long[] size);

    /** Address of {@code length} bytes of {@code fd} from {@code offset}, or -errno. */
    private static native long map(int fd, long offset, long length, long size);

    private static native long close(int fd);

    /** A direct buffer over the mapping at {@code address}; null when the JVM cannot make one. */
    private static native ByteBuffer buffer(long address, long length);

    private static native long unmap(long address, long length);

    private final Path file;
    private final int fd;
    private final long size;

    private NativeMapping(Path file, int fd, long size) {
        this.file = file;
        this.fd = fd;
        this.size = size;
    }

    /**
     * Whether the shim is here to map with, and knows how: in jkboot's installation, not in a bare
     * {@code java -jar}, nor with a shim older than this class.
     */
    static boolean available() {
        try {
            ShimLibrary.load();
            close(-1);
            return true;
        } catch (ShimLibrary.Unavailable | UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** {@code file} opened for mapping; the failures are the ones FileChannel reports (a missing file is NoSuchFileException). */
    static NativeMapping open(Path file) throws IOException {
        long[] size = new long[1];
        long rc = open((file + "\0").getBytes(StandardCharsets.UTF_8), size);
        if (rc < 0) {
            throw failure(file, rc, 0);
        }
        return new NativeMapping(file, (int) rc, size[0]);
    }

    /** The file's size when it was opened. */
    long size() {
        return size;
    }

    /** {@code length} bytes from {@code offset} (a page multiple), as a read-only buffer. */
    ByteBuffer map(long offset, int length) throws IOException {
        long address = map(fd, offset, length, size);
        if (address < 0) {
            throw failure(file, address, offset + length);
        }
        boolean owned = false;
        try {
            ByteBuffer mapped = buffer(address, length);
            if (mapped == null) {
                throw new IOException(file + " is mapped, but this JVM cannot make a buffer of the mapping");
            }
            Unmapping.CLEANER.register(mapped, new Unmapping(address, length));
            owned = true;
            // Read-only: a JNI buffer is writable, and a write to this PROT_READ mapping would kill the JVM.
            return mapped.asReadOnlyBuffer();
        } finally {
            if (!owned) {
                unmap(address, length);
            }
        }
    }

    /** The descriptor goes; the mappings made from it stay. */
    @Override
    public void close() {
        close(fd);
    }

    private static IOException failure(Path file, long rc, long end) {
        int errno = (int) -rc;
        return switch (errno) {
            case Errno.ENOENT -> new NoSuchFileException(file.toString());
            case Errno.EACCES, Errno.EPERM -> new AccessDeniedException(file.toString());
            case Errno.ENODEV -> FileContent.notRegular(file);
            case Errno.ERANGE -> new IOException(file + " ends before byte " + end + ": it changed while jkboot read it");
            default -> new IOException(file + " cannot be mapped: " + Errno.name(errno));
        };
    }

    /** munmap(2) of one mapping, run by a cleaner thread made the first time a file is mapped. */
    private static final class Unmapping implements Runnable {
        static final Cleaner CLEANER = Cleaner.create();
        private final long address;
        private final long length;

        Unmapping(long address, long length) {
            this.address = address;
            this.length = length;
        }

        @Override
        public void run() {
            unmap(address, length);
        }
    }
}
