package dev.jkboot.fdt;

import dev.jkboot.mem.Range;

/** One entry of the DTB's memory-reservation block ({@code /memreserve/} in DTS). */
public record MemoryReservation(long address, long size) {

    public MemoryReservation {
        if (size == 0 || Long.compareUnsigned(address + size, address) < 0) {
            throw new IllegalArgumentException(
                    "memory reservation at 0x%x of 0x%x bytes is empty or wraps".formatted(address, size));
        }
    }

    public Range range() {
        return Range.ofSize(address, size);
    }
}
