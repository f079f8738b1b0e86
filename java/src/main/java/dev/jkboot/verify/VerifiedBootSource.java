package dev.jkboot.verify;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;
import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;

/**
 * A file named on {@code jkboot boot}'s command line, verified against the signed manifests beside
 * it on the host ({@code DIR/manifest}, {@code DIR/../manifest}) before it is used: like
 * {@link VerifiedBootFiles}, the bytes checked are the bytes handed on.
 *
 * @param hostFiles the host's file system from "/", where {@code path} and its manifests are
 * @param path the file's absolute path on the host
 */
public record VerifiedBootSource(BootSource inner, Verifier verifier, BootFiles hostFiles, String path)
        implements BootSource {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public long size() throws JkbootException {
        return inner.size();
    }

    @Override
    public byte[] read() throws JkbootException {
        byte[] bytes = inner.read();
        verifier.check(hostFiles, path, OwnedContent.of(bytes), Severity.MUST);
        return bytes;
    }

    /** Read whole into the heap when verifying (not mapped). */
    @Override
    public FileContent content() throws JkbootException {
        if (!verifier.active()) {
            return inner.content();
        }
        FileContent owned = OwnedContent.copyOf(inner.content());
        verifier.check(hostFiles, path, owned, Severity.MUST);
        return owned;
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
