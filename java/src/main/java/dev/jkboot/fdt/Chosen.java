package dev.jkboot.fdt;

import dev.jkboot.mem.Range;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code /chosen} values jkboot reads: what the Linux EFI stub left about UEFI (system table and
 * memory map, all five needed to hand the map to FreeBSD), the console, the command line and the
 * initrd. Each is empty when its property is absent; a property of the wrong size is an error.
 */
public record Chosen(
        OptionalLong uefiSystemTable,
        OptionalLong uefiMmapStart,
        OptionalLong uefiMmapSize,
        OptionalLong uefiMmapDescSize,
        OptionalLong uefiMmapDescVersion,
        Optional<String> stdoutPath,
        Optional<String> bootargs,
        Optional<Range> initrd) {

    /** Reads the values from a {@code /chosen} node. */
    static Chosen of(FdtNode chosen) throws FdtException {
        try {
            return new Chosen(
                    u64(chosen, "linux,uefi-system-table"),
                    u64(chosen, "linux,uefi-mmap-start"),
                    u32(chosen, "linux,uefi-mmap-size"),
                    u32(chosen, "linux,uefi-mmap-desc-size"),
                    u32(chosen, "linux,uefi-mmap-desc-ver"),
                    string(chosen, "stdout-path"),
                    string(chosen, "bootargs"),
                    initrd(chosen));
        } catch (FdtException e) {
            throw e.within("/chosen");
        }
    }

    /** Values for a tree without {@code /chosen}. */
    static Chosen none() {
        OptionalLong no = OptionalLong.empty();
        return new Chosen(no, no, no, no, no, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static OptionalLong u64(FdtNode node, String name) throws FdtException {
        Optional<FdtProperty> p = node.property(name);
        return p.isPresent() ? OptionalLong.of(p.get().asU64()) : OptionalLong.empty();
    }

    private static OptionalLong u32(FdtNode node, String name) throws FdtException {
        Optional<FdtProperty> p = node.property(name);
        return p.isPresent() ? OptionalLong.of(p.get().asU32()) : OptionalLong.empty();
    }

    private static Optional<String> string(FdtNode node, String name) throws FdtException {
        Optional<FdtProperty> p = node.property(name);
        return p.isPresent() ? Optional.of(p.get().asString()) : Optional.empty();
    }

    /** Like Linux: both ends needed (either may be one or two cells), the end is exclusive. */
    private static Optional<Range> initrd(FdtNode node) throws FdtException {
        Optional<FdtProperty> start = node.property("linux,initrd-start");
        Optional<FdtProperty> end = node.property("linux,initrd-end");
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        long s = start.get().asU32OrU64();
        long e = end.get().asU32OrU64();
        if (Long.compareUnsigned(e, s) < 0) {
            throw new FdtException(
                    "linux,initrd-end 0x%x lies below linux,initrd-start 0x%x".formatted(e, s),
                    "the boot loader that started Linux described its initrd wrongly; pass a corrected"
                            + " device tree with --dtb");
        }
        return Optional.of(new Range(s, e));
    }
}
