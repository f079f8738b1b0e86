package dev.jkboot.autoboot;

import dev.jkboot.loaderconf.BootFiles;
import java.util.List;

/**
 * A FreeBSD root file system open for reading.
 *
 * @param description where it is, for messages: "/dev/vda:2 (freebsd-ufs ...)" or a directory
 * @param notes what the search passed over on the way (small disks, foreign partitions)
 * @param closer releases the disk, if any
 */
public record OpenRoot(BootFiles files, String description, List<String> notes, Runnable closer)
        implements AutoCloseable {
    public OpenRoot {
        notes = List.copyOf(notes);
    }

    @Override
    public void close() {
        closer.run();
    }
}
