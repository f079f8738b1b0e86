package dev.jkboot.freebsd;

import dev.jkboot.mem.Align;

/** Facts of the FreeBSD arm64 kernel that placement depends on (sys/arm64/include/vmparam.h, locore.S). */
public final class Arm64 {
    /** VM_MIN_KERNEL_ADDRESS: the kernel's first PT_LOAD starts here. */
    public static final long KERNBASE = 0xffff000000000000L;
    /** locore requires VA KERNBASE at a 2 MiB-aligned physical address. */
    public static final long KERNEL_ALIGN = 2 * Align.MIB;
    /** locore maps the kernel with one L2 table: everything it maps must fit 1 GiB. */
    public static final long L2_TABLE_SPAN = Align.GIB;

    private Arm64() {}

    /**
     * The end of what locore maps before the kernel has its own page tables: 2 MiB blocks from
     * KERNBASE, {@code floor((modulep - KERNBASE + 6 MiB - 1) / 2 MiB)} of them — at least 4 MiB past
     * modulep. Metadata, environment, DTB and symbols must lie below it.
     */
    public static long earlyWindowEnd(long modulepVa) {
        long blocks = (modulepVa - KERNBASE + 6 * Align.MIB - 1) / (2 * Align.MIB);
        return KERNBASE + blocks * 2 * Align.MIB;
    }
}
