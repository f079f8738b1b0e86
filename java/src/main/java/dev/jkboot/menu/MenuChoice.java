package dev.jkboot.menu;

import dev.jkboot.freebsd.Howto;

/** What the person at the console chose. */
public sealed interface MenuChoice {

    /**
     * Boot {@code kernel} (a kernel choice such as "kernel.old"; the configuration's own when
     * unchanged) with this howto word.
     */
    record Boot(String kernel, Howto howto) implements MenuChoice {}

    /**
     * Boot another ZFS boot environment ({@code dataset}, a full dataset name): what its own
     * loader.conf configures, with this howto word.
     */
    record BootEnvironment(String dataset, Howto howto) implements MenuChoice {}

    /** Leave the menu for a shell instead of booting. */
    record Shell() implements MenuChoice {}
}
