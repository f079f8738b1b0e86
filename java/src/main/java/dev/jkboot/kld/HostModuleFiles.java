package dev.jkboot.kld;

import dev.jkboot.boot.BootSource;
import java.nio.file.Files;
import java.nio.file.Path;

/** Modules on paths Linux can open, for {@code jkboot boot} (the user names them on the host). */
public record HostModuleFiles() implements ModuleFiles {
    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(Path.of(path));
    }

    @Override
    public BootSource source(String path) {
        return BootSource.of(Path.of(path));
    }
}
