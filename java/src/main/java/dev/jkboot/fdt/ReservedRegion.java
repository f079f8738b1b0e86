package dev.jkboot.fdt;

import dev.jkboot.mem.Range;

/**
 * One statically placed region under {@code /reserved-memory}: the child's path, one of its
 * {@code reg} ranges, and whether the OS must not even map it ({@code no-map}).
 */
public record ReservedRegion(String path, Range range, boolean noMap) {}
