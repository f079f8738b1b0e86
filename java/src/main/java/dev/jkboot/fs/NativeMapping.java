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
 * Files mapped by jkboot's C shim ({@code jk_map_file}, native/shim) instead of
 * {@link java.nio.channels.FileChannel#map}: the JDK's first map initialises java.lang.invoke for
 * its {@code ExtendedMapMode}, 0.3 s of CPU in the TCG VM, which a boot paid on its critical path
 * or on a third thread that took CPU from the other two (issue 12). The mapping is the same:
 * read-only and shared, so Linux's {@code kexec_load} copies straight from the page cache, and it
 * is unmapped once its buffer (and every slice of it) is unreachable.
 */
final class NativeMapping {
    private NativeMapping() {}

    /** Address of {@code length} bytes of {@code path} (NUL-terminated) mapped from {@code offset}, or -errno. */
    private static native long map(byte[] path, long offset, long length);

    private static native ByteBuffer buffer(long address, long length);

    private static native long unmap(long address, long length);

    /** Whether the shim is here to map with: in jkboot's installation, not in a bare {@code java -jar}. */
    static boolean available() {
        try {
            ShimLibrary.load();
            return true;
        } catch (ShimLibrary.Unavailable e) {
            return false;
        }
    }

    /**
     * {@code length} bytes of {@code file} from {@code offset} (a page multiple), mapped read-only;
     * the failures are the ones FileChannel reports (a missing file is NoSuchFileException).
     */
    static ByteBuffer map(Path file, long offset, int length) throws IOException {
        long rc = map((file + "\0").getBytes(StandardCharsets.UTF_8), offset, length);
        if (rc < 0) {
            int errno = (int) -rc;
            throw switch (errno) {
                case Errno.ENOENT -> new NoSuchFileException(file.toString());
                case Errno.EACCES, Errno.EPERM -> new AccessDeniedException(file.toString());
                case Errno.ERANGE -> new IOException(file + " ends before byte " + (offset + length)
                        + ": it changed while jkboot read it");
                default -> new IOException(file + " cannot be mapped: " + Errno.name(errno));
            };
        }
        ByteBuffer mapped = buffer(rc, length);
        if (mapped == null) {
            unmap(rc, length);
            throw new IOException(file + " is mapped, but this JVM cannot make a buffer of the mapping");
        }
        Unmapping.CLEANER.register(mapped, new Unmapping(rc, length));
        return mapped;
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
