package dev.jkboot.autoboot;

import dev.jkboot.JkbootException;
import java.util.List;

/**
 * The boot environments of a ZFS root, as FreeBSD's loader menu offers them: the datasets beside
 * the one being booted, under its parent ({@code zroot/ROOT/*}; stand/libsa/zfs/zfs.c
 * {@code init_zfs_boot_options} takes the parent of currdev as {@code zfs_be_root}), and how to
 * open another one from the same, already open pool.
 *
 * @param names the datasets' full names, sorted; empty for a root that has none (UFS, a directory)
 * @param active the one being booted
 */
public record BootEnvironments(List<String> names, String active, Opener opener) {
    /** Opens another boot environment of the same pool as a root of its own. */
    @FunctionalInterface
    public interface Opener {
        OpenRoot open(String dataset) throws JkbootException;
    }

    public static final BootEnvironments NONE = new BootEnvironments(List.of(), "", dataset -> {
        throw new IllegalStateException("no boot environments to open");
    });

    public BootEnvironments {
        names = List.copyOf(names);
    }

    /** FreeBSD's menu shows its boot-environment entry only when there is a choice (menu.lua). */
    public boolean offersChoice() {
        return names.size() > 1;
    }

    public OpenRoot open(String dataset) throws JkbootException {
        return opener.open(dataset);
    }
}
