package dev.jkboot.autoboot;

import dev.jkboot.disk.DiskException;
import java.util.Optional;

/**
 * A ZFS root named the way FreeBSD's loader names its devices ({@code currdev}): {@code zfs:} for
 * "the first pool that holds a FreeBSD /boot" (kboot's {@code bootdev=zfs:}), {@code zfs:POOL} for
 * that pool's boot dataset (its {@code bootfs}, else its root dataset), {@code zfs:POOL/DATASET}
 * for that dataset. The trailing colon of the loader's spelling ({@code zfs:zroot/ROOT/default:})
 * is optional.
 *
 * @param pool the pool's name, empty for any pool
 * @param dataset the dataset's full name ({@code zroot/ROOT/default}), empty for the pool's boot dataset
 */
public record ZfsDevice(Optional<String> pool, Optional<String> dataset) {
    public static final String PREFIX = "zfs:";
    private static final String HELP = "write zfs:POOL/DATASET, e.g. zfs:zroot/ROOT/default, or zfs:POOL or zfs:";

    /** Whether the user's {@code --disk} text names a ZFS dataset rather than a disk. */
    public static boolean names(String text) {
        return text.startsWith(PREFIX);
    }

    /** Parses {@code zfs:[POOL[/DATASET]][:]}. */
    public static ZfsDevice parse(String text) throws DiskException {
        if (!names(text)) {
            throw new DiskException("\"%s\" is not a ZFS device name".formatted(text), HELP);
        }
        String name = text.substring(PREFIX.length());
        if (name.length() > 1 && name.endsWith(":")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return new ZfsDevice(Optional.empty(), Optional.empty());
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//") || name.contains(":")
                || name.contains("@") || !name.strip().equals(name)) {
            throw new DiskException("\"%s\" is not a ZFS dataset name".formatted(text), HELP);
        }
        int slash = name.indexOf('/');
        return slash < 0 ? new ZfsDevice(Optional.of(name), Optional.empty())
                : new ZfsDevice(Optional.of(name.substring(0, slash)), Optional.of(name));
    }

    /** The loader's {@code currdev} (and {@code loaddev}) for a dataset: {@code zfs:POOL/DATASET:}. */
    public static String currdev(String dataset) {
        return PREFIX + dataset + ":";
    }

    @Override
    public String toString() {
        return PREFIX + dataset.or(() -> pool).orElse("");
    }
}
