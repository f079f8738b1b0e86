package dev.jkboot.host;

import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;

/**
 * Where a boot stages the kernel: {@code address} is 2 MiB aligned (FreeBSD arm64 maps its kernel
 * with 2 MiB blocks) and {@code [address, address + size)} lies inside the usable RAM range
 * {@code hole}.
 */
public record StagingArea(long address, long size, Range hole) {
    /** The kernel's load alignment on arm64 (locore's 2 MiB blocks). */
    public static final long ALIGNMENT = 2 * Align.MIB;
    /** What kboot asks for when it does not know the size yet. */
    public static final long KBOOT_SIZE = 64 * Align.MIB;

    /** Bytes from the staging address to the end of its hole: room for whatever follows. */
    public long room() {
        return hole.end() - address;
    }
}
