package dev.jkboot.fdt;

import java.util.List;

/**
 * Where a parsed blob kept its pieces, so that writing the unmodified tree gives back the very
 * same bytes: the block offsets and total size (libfdt leaves free space and gaps; dtc does not),
 * the original strings block (with its order, shared suffixes and strings no property uses any
 * more), and where NOP tokens sat (Linux overwrites {@code rng-seed} with NOPs).
 *
 * <p>{@code stringsBlock} holds the block's bytes one per character (ISO-8859-1).
 * {@code nopTokenIndexes} says, for each NOP in blob order, how many other tokens precede it.
 * The writer reuses the offsets only when the new blocks fit into them.
 */
public record FdtLayout(
        int totalSize,
        int memRsvOffset,
        int structOffset,
        int stringsOffset,
        String stringsBlock,
        List<Integer> nopTokenIndexes) {

    public FdtLayout {
        if (totalSize < 0 || memRsvOffset < 0 || structOffset < 0 || stringsOffset < 0) {
            throw new IllegalArgumentException("negative size or offset in a device-tree layout");
        }
        nopTokenIndexes = List.copyOf(nopTokenIndexes);
    }

    /** The same placement without NOPs, whose token positions mean nothing once a tree is edited. */
    public FdtLayout withoutNops() {
        return new FdtLayout(totalSize, memRsvOffset, structOffset, stringsOffset, stringsBlock, List.of());
    }
}
