package dev.jkboot.host;

import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.List;

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

    /**
     * The first 2 MiB-aligned address in {@code usable} with {@code size} bytes free after it. Unlike
     * kboot there is no fallback address: when nothing fits, the error names the largest hole.
     */
    public static StagingArea find(List<Range> usable, long size) throws HostException {
        if (size <= 0) {
            throw new IllegalArgumentException("staging size must be positive, not " + size);
        }
        Range largest = null;
        long largestRoom = 0;
        for (Range hole : usable) {
            long address = Align.up(hole.start(), ALIGNMENT);
            long room = address < hole.end() ? hole.end() - address : 0;
            if (room >= size) {
                return new StagingArea(address, size, hole);
            }
            if (largest == null || room > largestRoom) {
                largest = hole;
                largestRoom = room;
            }
        }
        String biggest = largest == null ? "there is no usable RAM at all"
                : "the largest hole is %s, %s from its first 2 MiB boundary".formatted(
                        IomemParser.show(largest), Align.human(largestRoom));
        throw new HostException("",
                "no usable RAM range has %s free at a 2 MiB-aligned address: %s"
                        .formatted(Align.human(size), biggest),
                "free memory on the host (fewer or smaller reservations, e.g. crashkernel=) "
                        + "or boot fewer or smaller files");
    }
}
