package dev.jkboot.loaderconf;

import dev.jkboot.fs.FileContent;
import dev.jkboot.zfs.ZfsException;
import dev.jkboot.zfs.ZfsFileSystem;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The FreeBSD root read straight from a ZFS dataset, without importing the pool. Paths and
 * symbolic links resolve inside the dataset, as FreeBSD's loader resolves them. A damaged pool
 * surfaces as an {@link IOException} whose cause is the {@link ZfsException}.
 */
public final class ZfsBootFiles implements BootFiles {
    /** The largest file read whole or opened: far above any kernel, module or md_image jkboot loads. */
    static final long MAX_FILE = 1L << 30;

    private final ZfsFileSystem fs;

    public ZfsBootFiles(ZfsFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public Kind kind(String path) throws IOException {
        try {
            return fs.kind(path).map(k -> switch (k) {
                case FILE -> Kind.FILE;
                case DIRECTORY -> Kind.DIRECTORY;
                default -> Kind.OTHER;
            }).orElse(Kind.MISSING);
        } catch (ZfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        return open(path).map(FileContent::toArray);
    }

    @Override
    public Optional<FileContent> open(String path) throws IOException {
        if (kind(path) != Kind.FILE) {
            return Optional.empty();
        }
        try {
            return Optional.of(fs.open(path, MAX_FILE));
        } catch (ZfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return list(dir, ZfsFileSystem.MAX_DIRECTORY_ENTRIES);
    }

    @Override
    public List<String> list(String dir, int limit) throws IOException {
        if (kind(dir) != Kind.DIRECTORY) {
            return List.of();
        }
        try {
            return fs.list(dir, limit);
        } catch (ZfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    /** {@code zfs:POOL/DATASET}, FreeBSD's spelling of the device in messages. */
    @Override
    public String toString() {
        return "zfs:" + fs.dataset();
    }
}
