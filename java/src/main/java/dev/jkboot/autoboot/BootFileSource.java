package dev.jkboot.autoboot;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;
import java.io.IOException;
import java.util.Optional;

/**
 * A file on the FreeBSD root, named as FreeBSD's loader names it in the preload list
 * ({@code /boot/kernel/kernel}), read when the boot is planned. The path resolves inside that
 * file system by the one rule every source shares ({@link dev.jkboot.fs.PathWalk}).
 */
public record BootFileSource(BootFiles files, String path) implements BootSource {
    @Override
    public String name() {
        return path;
    }

    @Override
    public long size() throws JkbootException {
        return content().size();
    }

    /**
     * The file whole, copied out of the one {@link #content()} that also gave its size: a reader
     * that cannot map (ZFS decompresses every block when a file is opened) reads it once, not twice.
     */
    @Override
    public byte[] read() throws JkbootException {
        FileContent content = content();
        long size = content.size();
        if (size > MAX_READ) {
            throw new BootSpecException("%s on %s is %d bytes, more than jkboot reads whole (2 GiB)"
                    .formatted(path, files, size), "check loader.conf: kernels and modules are read whole; load "
                    + "large files with a type (NAME_type=\"md_image\"), which are mapped instead");
        }
        try {
            return content.toArray();
        } catch (OutOfMemoryError e) {
            throw BootSource.tooBigForHeap(path + " on " + files, size);
        }
    }

    @Override
    public FileContent content() throws JkbootException {
        try {
            return required(files.open(path));
        } catch (IOException e) {
            throw cannotRead(e);
        }
    }

    private <T> T required(Optional<T> found) throws BootSpecException {
        return found.orElseThrow(() -> new BootSpecException(
                path + " on " + files + " is missing or not a regular file",
                "check the FreeBSD root file system (fsck it from FreeBSD if it is damaged)"));
    }

    private JkbootException cannotRead(IOException e) {
        if (e.getCause() instanceof JkbootException cause) {
            return cause;
        }
        return new BootSpecException("cannot read " + path + " from " + files + ": " + e.getMessage(),
                "check the disk (dmesg shows the driver's view) or the directory given with --root", e);
    }

    @Override
    public String toString() {
        return path;
    }
}
