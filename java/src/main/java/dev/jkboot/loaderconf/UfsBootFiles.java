package dev.jkboot.loaderconf;

import dev.jkboot.fs.FileContent;
import dev.jkboot.ufs.DirEntry;
import dev.jkboot.ufs.FileStat;
import dev.jkboot.ufs.Ufs2;
import dev.jkboot.ufs.UfsException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The FreeBSD root read straight from its UFS2 partition, without mounting it. Paths and
 * symbolic links resolve inside the FreeBSD file system, as FreeBSD's loader resolves them. A
 * damaged file system surfaces as an {@link IOException} whose cause is the {@link UfsException}.
 */
public final class UfsBootFiles implements BootFiles {
    private final Ufs2 fs;

    public UfsBootFiles(Ufs2 fs) {
        this.fs = fs;
    }

    @Override
    public Kind kind(String path) throws IOException {
        try {
            Optional<FileStat> stat = fs.find(path);
            if (stat.isEmpty()) {
                return Kind.MISSING;
            }
            return switch (stat.get().type()) {
                case REGULAR -> Kind.FILE;
                case DIRECTORY -> Kind.DIRECTORY;
                default -> Kind.OTHER;
            };
        } catch (UfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        if (kind(path) != Kind.FILE) {
            return Optional.empty();
        }
        try {
            return Optional.of(fs.readFile(path, Long.MAX_VALUE));
        } catch (UfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public Optional<FileContent> open(String path) throws IOException {
        if (kind(path) != Kind.FILE) {
            return Optional.empty();
        }
        try {
            return Optional.of(fs.openFile(path).content());
        } catch (UfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        if (kind(dir) != Kind.DIRECTORY) {
            return List.of();
        }
        try {
            return fs.list(dir).stream().map(DirEntry::name).toList();
        } catch (UfsException e) {
            throw BootFiles.unreadable(e);
        }
    }

    @Override
    public String toString() {
        return fs.name();
    }
}
