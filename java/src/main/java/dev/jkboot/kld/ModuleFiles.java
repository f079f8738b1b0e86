package dev.jkboot.kld;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootSource;

/** Where module files are looked up by path: the FreeBSD root of an autoboot, or Linux paths for {@code jkboot boot}. */
public interface ModuleFiles {
    /** Whether {@code path} names a regular file (module.c file_lookup's stat and S_ISREG). */
    boolean isFile(String path) throws JkbootException;

    /** The file at {@code path}, to read. */
    BootSource source(String path);
}
