package dev.jkboot.autoboot;

import dev.jkboot.loaderconf.BootFiles;
import java.util.List;
import java.util.Map;

/**
 * A FreeBSD root file system open for reading.
 *
 * @param description where it is, for messages: "/dev/vda:2 (freebsd-ufs ...)" or a directory
 * @param notes what the search passed over on the way (small disks, foreign partitions)
 * @param closer releases the disk, if any
 * @param deviceVariables what FreeBSD's loader sets for this root before it reads loader.conf
 *     ({@code currdev} and {@code loaddev} of a ZFS dataset)
 * @param environments the ZFS boot environments beside this root, {@link BootEnvironments#NONE} if none
 */
public record OpenRoot(BootFiles files, String description, List<String> notes, Runnable closer,
                       Map<String, String> deviceVariables, BootEnvironments environments)
        implements AutoCloseable {
    public OpenRoot {
        notes = List.copyOf(notes);
        deviceVariables = Map.copyOf(deviceVariables);
    }

    /** A root without variables of its own or boot environments (a directory, UFS). */
    public OpenRoot(BootFiles files, String description, List<String> notes, Runnable closer) {
        this(files, description, notes, closer, Map.of(), BootEnvironments.NONE);
    }

    @Override
    public void close() {
        closer.run();
    }
}
