package dev.jkboot.verify;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;
import dev.jkboot.fs.FileContent;
import dev.jkboot.loaderconf.BootFiles;

/**
 * A file named on {@code jkboot boot}'s command line, verified against the signed manifests beside
 * it on the host ({@code DIR/manifest}, {@code DIR/../manifest}) before it is used: like
 * {@link VerifiedBootFiles}, it is read and checked once, and the bytes checked are the bytes
 * handed on.
 */
public final class VerifiedBootSource implements BootSource {
    private final BootSource inner;
    private final Verifier verifier;
    private final BootFiles hostFiles;
    private final String path;
    private FileContent verified;

    /**
     * @param hostFiles the host's file system from "/", where {@code path} and its manifests are
     * @param path the file's absolute path on the host
     */
    public VerifiedBootSource(BootSource inner, Verifier verifier, BootFiles hostFiles, String path) {
        this.inner = inner;
        this.verifier = verifier;
        this.hostFiles = hostFiles;
        this.path = path;
    }

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
        // A file too large to read whole is refused by the inner source, with its message.
        return verifier.active() && inner.size() <= MAX_READ ? content().toArray() : inner.read();
    }

    /** Read whole into the heap when verifying (not mapped). */
    @Override
    public FileContent content() throws JkbootException {
        if (!verifier.active()) {
            return inner.content();
        }
        if (verified == null) {
            FileContent owned = OwnedContent.copyOf(inner.content());
            verifier.check(hostFiles, path, owned, Severity.MUST);
            verified = owned;
        }
        return verified;
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
