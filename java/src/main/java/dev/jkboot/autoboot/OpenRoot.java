package dev.jkboot.autoboot;

import dev.jkboot.loaderconf.BootFiles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FreeBSD root file system open for reading.
 *
 * @param description where it is, for messages: "/dev/vda:2 (freebsd-ufs ...)" or a directory
 * @param notes what the search passed over on the way (small disks, foreign partitions)
 * @param closer releases the disk, if any
 * @param deviceVariables what FreeBSD's loader sets for the device it boots from before reading
 *     loader.conf: {@code currdev} and {@code loaddev} (stand/common/misc.c {@code set_currdev} sets
 *     both: a partition as kboot names it, or a ZFS dataset), and {@code hostfs_root} for a directory
 * @param environments the ZFS boot environments beside this root, {@link BootEnvironments#NONE} if none
 */
public record OpenRoot(BootFiles files, String description, List<String> notes, Runnable closer,
                       Map<String, String> deviceVariables, BootEnvironments environments)
        implements AutoCloseable {
    public OpenRoot {
        notes = List.copyOf(notes);
        deviceVariables = Collections.unmodifiableMap(new LinkedHashMap<>(deviceVariables));
    }

    /** A root without boot environments (a directory, UFS). */
    public OpenRoot(BootFiles files, String description, List<String> notes, Runnable closer,
                    Map<String, String> deviceVariables) {
        this(files, description, notes, closer, deviceVariables, BootEnvironments.NONE);
    }

    /** {@code currdev} and {@code loaddev} naming {@code device}, as {@code set_currdev} sets them. */
    public static Map<String, String> bootDevice(String device) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("currdev", device);
        vars.put("loaddev", device);
        return vars;
    }

    @Override
    public void close() {
        closer.run();
    }
}
