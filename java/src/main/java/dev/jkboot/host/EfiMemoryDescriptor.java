package dev.jkboot.host;

import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * One UEFI memory descriptor ({@code EFI_MEMORY_DESCRIPTOR}): type, physical and virtual start,
 * size in 4 KiB pages, attribute bits. The virtual start is whatever Linux chose when it called
 * SetVirtualAddressMap for runtime regions.
 */
public record EfiMemoryDescriptor(long type, long physicalStart, long virtualStart, long pages,
        long attribute) {
    public static final long PAGE = 4096;
    private static final long[] ATTRIBUTE_BITS = {
        0x1, 0x2, 0x4, 0x8, 0x10, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000, 0x20000, 1L << 63};
    private static final String[] ATTRIBUTE_NAMES = {
        "UC", "WC", "WT", "WB", "UCE", "WP", "RP", "XP", "NV", "MORE_RELIABLE", "RO", "RUNTIME"};

    public String typeName() {
        return EfiMemoryType.nameOf(type);
    }

    /** The physical range described; valid because {@link EfiMemoryMap} checked it. */
    public Range range() {
        return Range.ofSize(physicalStart, pages * PAGE);
    }

    /** The attribute bits by name ("WB", "RUNTIME", …), unknown bits in hex. */
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>();
        long rest = attribute;
        for (int i = 0; i < ATTRIBUTE_BITS.length; i++) {
            if ((attribute & ATTRIBUTE_BITS[i]) != 0) {
                names.add(ATTRIBUTE_NAMES[i]);
                rest &= ~ATTRIBUTE_BITS[i];
            }
        }
        if (rest != 0) {
            names.add("0x%x".formatted(rest));
        }
        return names;
    }
}
