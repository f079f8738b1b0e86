package dev.jkboot.fdt;

import java.util.List;
import java.util.Map;

/**
 * Where a parsed blob kept its pieces, so that writing the unmodified tree gives back the very
 * same bytes: the block offsets and total size (libfdt leaves free space and gaps; dtc does not),
 * the original strings block (with its order, shared suffixes and strings no property uses any
 * more), where NOP tokens sat (Linux overwrites {@code rng-seed} with NOPs), and padding that is
 * not zero (libfdt leaves stale bytes there when it resizes a property; QEMU's trees and
 * fdtoverlay's have them).
 *
 * <p>{@code stringsBlock} holds the block's bytes one per character (ISO-8859-1).
 * Tokens are counted without NOPs: {@code nopTokenIndexes} says, for each NOP in blob order, how
 * many tokens precede it; {@code paddingByToken} maps the index of a BEGIN_NODE or PROP token to
 * the 1 to 3 bytes that pad its name or value, big-endian in the low bytes of an int, when they
 * are not all zero. The writer reuses the offsets only when the new blocks fit into them.
 */
public record FdtLayout(
        int totalSize,
        int memRsvOffset,
        int structOffset,
        int stringsOffset,
        String stringsBlock,
        List<Integer> nopTokenIndexes,
        Map<Integer, Integer> paddingByToken) {

    public FdtLayout {
        if (totalSize < 0 || memRsvOffset < 0 || structOffset < 0 || stringsOffset < 0) {
            throw new IllegalArgumentException("negative size or offset in a device-tree layout");
        }
        nopTokenIndexes = List.copyOf(nopTokenIndexes);
        paddingByToken = Map.copyOf(paddingByToken);
    }

    /** The same placement and strings without the NOPs and padding, tied to token positions an edit shifts. */
    public FdtLayout withoutTokenFacts() {
        return new FdtLayout(totalSize, memRsvOffset, structOffset, stringsOffset, stringsBlock, List.of(), Map.of());
    }
}
