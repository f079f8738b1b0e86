package dev.jkboot.autoboot;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.loaderconf.BootFiles;
import java.io.IOException;

/**
 * A file on the FreeBSD root, named as FreeBSD's loader names it in the preload list
 * ({@code /boot/kernel/kernel}), read when the boot is planned.
 */
public record BootFileSource(BootFiles files, String path) implements BootSource {
    @Override
    public String name() {
        return path;
    }

    @Override
    public byte[] read() throws JkbootException {
        try {
            return files.read(path).orElseThrow(() -> new BootSpecException(
                    path + " on " + files + " is missing or not a regular file",
                    "check the FreeBSD root file system (fsck it from FreeBSD if it is damaged)"));
        } catch (IOException e) {
            if (e.getCause() instanceof JkbootException cause) {
                throw cause;
            }
            throw new BootSpecException("cannot read " + path + " from " + files + ": " + e.getMessage(),
                    "check the disk (dmesg shows the driver's view) or the directory given with --root", e);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
