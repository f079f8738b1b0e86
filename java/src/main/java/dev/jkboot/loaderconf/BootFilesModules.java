package dev.jkboot.loaderconf;

import dev.jkboot.boot.BootSource;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.kld.ModuleFiles;
import java.io.IOException;

/** A FreeBSD file system as the place {@link dev.jkboot.kld.ModuleSearch} looks for modules and linker.hints. */
public record BootFilesModules(BootFiles files) implements ModuleFiles {
    @Override
    public boolean isFile(String path) throws BootSpecException {
        try {
            return files.kind(path) == BootFiles.Kind.FILE;
        } catch (IOException e) {
            throw new BootSpecException("cannot look up " + path + ": " + e.getMessage(), "check the disk", e);
        }
    }

    @Override
    public BootSource source(String path) {
        return new BootSource() {
            @Override
            public String name() {
                return path;
            }

            @Override
            public byte[] read() throws BootSpecException {
                try {
                    return files.read(path).orElseThrow(() -> new BootSpecException(path + " is missing",
                            "check the FreeBSD root file system"));
                } catch (IOException e) {
                    throw new BootSpecException("cannot read " + path + ": " + e.getMessage(), "check the disk", e);
                }
            }
        };
    }
}
