package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One object's dnode ({@code dnode_phys_t}, sys/contrib/openzfs/include/sys/dnode.h): 512 bytes,
 * or a multiple of them for a large dnode ({@code dn_extra_slots}), holding the object's type,
 * block sizes, tree depth, up to three top-level block pointers, an optional spill block pointer
 * at the very end, and the bonus buffer after the block pointers. Every field is checked against
 * the limits ZFS itself keeps, so no later read can be driven out of bounds by it.
 */
record Dnode(long object, int type, int indirectShift, int levels, List<BlockPointer> blockPointers,
        int bonusType, byte[] bonus, int dataBlockSize, long maxBlockId, BlockPointer spill) {
    static final int SLOT = 512;
    /** DN_MIN_INDBLKSHIFT of old pools (10) to DN_MAX_INDBLKSHIFT (17). */
    static final int MIN_INDIRECT_SHIFT = 10;
    static final int MAX_INDIRECT_SHIFT = 17;
    /** More levels than a 2^64-block object can need with the smallest indirect blocks. */
    static final int MAX_LEVELS = 10;
    private static final int FLAG_SPILL = 4;
    private static final int HEADER = 64;

    /**
     * The dnode in {@code bytes[offset, ...)}, which must hold its slots; {@code what} names it.
     *
     * @return null for a free slot (type 0)
     */
    static Dnode parse(long object, byte[] bytes, int offset, int available, String what) throws ZfsException {
        if (available < SLOT || offset < 0 || offset > bytes.length - SLOT) {
            throw damaged(what, "is cut short");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = bytes[offset] & 0xff;
        if (type == DnodeType.NONE) {
            return null;
        }
        int indirectShift = bytes[offset + 1] & 0xff;
        int levels = bytes[offset + 2] & 0xff;
        int nblkptr = bytes[offset + 3] & 0xff;
        int bonusType = bytes[offset + 4] & 0xff;
        int flags = bytes[offset + 7] & 0xff;
        int dataSectors = b.getShort(offset + 8) & 0xffff;
        int bonusLength = b.getShort(offset + 10) & 0xffff;
        int slots = (bytes[offset + 12] & 0xff) + 1;
        long maxBlockId = b.getLong(offset + 16);
        int size = slots * SLOT;
        if (size > available) {
            throw damaged(what, "claims %d slots, more than the %d bytes left in its block".formatted(slots, available));
        }
        if (nblkptr < 1 || nblkptr > 3) {
            throw damaged(what, "has %d block pointers (1 to 3 allowed)".formatted(nblkptr));
        }
        if (levels < 1 || levels > MAX_LEVELS) {
            throw damaged(what, "has %d levels (1 to %d allowed)".formatted(levels, MAX_LEVELS));
        }
        if (levels > 1 && (indirectShift < MIN_INDIRECT_SHIFT || indirectShift > MAX_INDIRECT_SHIFT)) {
            throw damaged(what, "has indirect blocks of 2^%d bytes".formatted(indirectShift));
        }
        int dataBlockSize = dataSectors << 9;
        if (dataBlockSize == 0 || dataBlockSize > BlockReader.MAX_BLOCK) {
            throw damaged(what, "has data blocks of %d bytes".formatted(dataBlockSize));
        }
        if (maxBlockId < 0) {
            throw damaged(what, "has %s blocks".formatted(Long.toUnsignedString(maxBlockId)));
        }
        boolean hasSpill = (flags & FLAG_SPILL) != 0;
        int bonusStart = HEADER + nblkptr * BlockPointer.SIZE;
        int bonusRoom = size - bonusStart - (hasSpill ? BlockPointer.SIZE : 0);
        if (bonusLength > bonusRoom) {
            throw damaged(what, "has a bonus buffer of %d bytes where %d fit".formatted(bonusLength, bonusRoom));
        }
        List<BlockPointer> bps = new ArrayList<>();
        for (int i = 0; i < nblkptr; i++) {
            bps.add(BlockPointer.parse(bytes, offset + HEADER + i * BlockPointer.SIZE));
        }
        byte[] bonus = Arrays.copyOfRange(bytes, offset + bonusStart, offset + bonusStart + bonusLength);
        BlockPointer spill = hasSpill ? BlockPointer.parse(bytes, offset + size - BlockPointer.SIZE) : null;
        return new Dnode(object, type, indirectShift, levels, List.copyOf(bps), bonusType, bonus, dataBlockSize,
                maxBlockId, spill);
    }

    /** Bytes the object's data blocks can hold: (maxBlockId + 1) blocks, saturating. */
    long capacity() {
        long blocks = maxBlockId + 1;
        return blocks > Long.MAX_VALUE / dataBlockSize ? Long.MAX_VALUE : blocks * dataBlockSize;
    }

    static ZfsException damaged(String what, String problem) {
        return new ZfsException("%s %s".formatted(what, problem),
                "the pool is damaged; scrub it on FreeBSD, or boot from another pool");
    }
}
