package dev.jkboot.verify;

import dev.jkboot.boot.BootSource;
import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A FreeBSD file system whose files are verified as they are read (any {@link BootFiles}: a
 * directory, UFS2, ZFS). A file's bytes are read once into memory jkboot owns, checked, and that
 * same memory is what the caller gets; a refusal is an {@link IOException} caused by the
 * {@link VerifyException} ({@link VerifyException#refusalIn}). Names and directories are not
 * verified: only what is read.
 */
public final class VerifiedBootFiles implements BootFiles {
    private final BootFiles inner;
    private final Verifier verifier;
    private final Function<String, Severity> severity;
    private final Map<String, FileContent> opened = new HashMap<>();

    /**
     * @param severity how much each path must be verified: {@link Severity#guess} for the
     *     configuration files, {@link Severity#MUST} for the kernel, modules and raw files
     */
    public VerifiedBootFiles(BootFiles inner, Verifier verifier, Function<String, Severity> severity) {
        this.inner = inner;
        this.verifier = verifier;
        this.severity = severity;
    }

    @Override
    public Kind kind(String path) throws IOException {
        return inner.kind(path);
    }

    /** A copy of the verified bytes, which are read and checked once per path. */
    @Override
    public Optional<byte[]> read(String path) throws IOException {
        if (!verifier.active()) {
            return inner.read(path);
        }
        FileContent known = opened.get(path);
        if (known == null) {
            Optional<FileContent> mapped = inner.open(path);
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            if (mapped.get().size() > BootSource.MAX_READ) {
                throw new IOException("%s is %d bytes, more than a file read whole can hold (2 GiB)"
                        .formatted(path, mapped.get().size()));
            }
            known = verified(path, mapped.get());
        }
        return Optional.of(known.toArray());
    }

    /** Read whole into the heap when verifying (not mapped), once per path. */
    @Override
    public Optional<FileContent> open(String path) throws IOException {
        if (!verifier.active()) {
            return inner.open(path);
        }
        FileContent known = opened.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<FileContent> mapped = inner.open(path);
        return mapped.isEmpty() ? mapped : Optional.of(verified(path, mapped.get()));
    }

    /** One copy of {@code mapped} into the heap, checked, and remembered. */
    private FileContent verified(String path, FileContent mapped) throws IOException {
        FileContent owned = OwnedContent.copyOf(mapped);
        try {
            verifier.check(inner, path, owned, severity.apply(path));
        } catch (VerifyException e) {
            throw e.asIoException();
        }
        opened.put(path, owned);
        return owned;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return inner.list(dir);
    }

    @Override
    public List<String> list(String dir, int limit) throws IOException {
        return inner.list(dir, limit);
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
