package dev.jkboot.verify;

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

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Optional<byte[]> bytes = inner.read(path);
        if (bytes.isPresent()) {
            check(path, OwnedContent.of(bytes.get()));
        }
        return bytes;
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
        Optional<FileContent> content = inner.open(path).map(OwnedContent::copyOf);
        if (content.isPresent()) {
            check(path, content.get());
            opened.put(path, content.get());
        }
        return content;
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return inner.list(dir);
    }

    @Override
    public List<String> list(String dir, int limit) throws IOException {
        return inner.list(dir, limit);
    }

    private void check(String path, FileContent content) throws IOException {
        try {
            verifier.check(inner, path, content, severity.apply(path));
        } catch (VerifyException e) {
            throw e.asIoException();
        }
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
