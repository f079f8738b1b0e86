package dev.jkboot.freebsd;

/**
 * How the kernel learns about physical memory. On UEFI hosts: the EFI map and the system table (FW_HANDLE).
 * On device-tree hosts without UEFI: the DTB's {@code /memory} nodes, which the kernel falls back to
 * when there is no EFI map (sys/arm64/arm64/machdep.c).
 */
public sealed interface MemoryDescription {
    record Uefi(EfiMapRecord map, long systemTablePhys) implements MemoryDescription {}

    record DeviceTreeMemory() implements MemoryDescription {}
}
