package dev.jkboot.plan;

import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;

/**
 * Where a boot stages the kernel: {@code [address, address + size)} lies inside {@code hole}, a
 * stretch of usable RAM clear of every keep-out range.
 */
public record StagingArea(long address, long size, Range hole) {
    /** What kboot asks for when it does not know the size yet; {@code jkboot probe} reports this much. */
    public static final long KBOOT_SIZE = 64 * Align.MIB;

    /** Bytes from the staging address to the end of its hole: room for whatever follows. */
    public long room() {
        return hole.end() - address;
    }
}
