package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An object set ({@code objset_phys_t}, sys/contrib/openzfs/include/sys/dmu_objset.h): the MOS or
 * one dataset's file system. Its meta-dnode's data is the array of every object's dnode; an
 * object's data blocks are found through its block-pointer tree, whose depth is the dnode's
 * level count (bounded by {@link Dnode#MAX_LEVELS}), so no walk can loop.
 */
final class ObjectSet {
    /** {@code os_type} values (dmu_objset_type_t). */
    static final int TYPE_META = 1;
    static final int TYPE_ZFS = 2;
    /** {@code OBJSET_OLD_PHYS_SIZE}: the meta-dnode, the ZIL header and the type. */
    private static final int MIN_SIZE = 1024;
    private static final int TYPE_OFFSET = 704;

    private final BlockReader reader;
    private final String name;
    private final Dnode meta;

    private ObjectSet(BlockReader reader, String name, Dnode meta) {
        this.reader = reader;
        this.name = name;
        this.meta = meta;
    }

    /** The object set {@code bp} points to; {@code name} is the pool or dataset, for messages. */
    static ObjectSet open(BlockReader reader, BlockPointer bp, String name, int expectedType) throws ZfsException {
        byte[] raw = reader.read(bp, "the object set of " + name);
        if (raw.length < MIN_SIZE) {
            throw Dnode.damaged("the object set of " + name, "is %d bytes, less than %d".formatted(raw.length, MIN_SIZE));
        }
        int type = (int) ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(TYPE_OFFSET);
        if (type != expectedType) {
            throw Dnode.damaged("the object set of " + name, "has type %d, not %d".formatted(type, expectedType));
        }
        Dnode meta = Dnode.parse(0, raw, 0, Dnode.SLOT, "the meta-dnode of " + name);
        if (meta == null || meta.type() != DnodeType.DNODE) {
            throw Dnode.damaged("the meta-dnode of " + name, "is not a dnode array");
        }
        return new ObjectSet(reader, name, meta);
    }

    String name() {
        return name;
    }

    BlockReader reader() {
        return reader;
    }

    /**
     * Object {@code object}'s dnode.
     *
     * @throws ZfsException if it is outside the object set, free, or damaged
     */
    Dnode dnode(long object) throws ZfsException {
        String what = "object %d of %s".formatted(object, name);
        int perBlock = meta.dataBlockSize() / Dnode.SLOT;
        if (object < 0 || perBlock == 0 || object / perBlock > meta.maxBlockId()) {
            throw Dnode.damaged(what, "is outside the object set (%d objects)".formatted(meta.capacity() / Dnode.SLOT));
        }
        byte[] block = block(meta, object / perBlock);
        int offset = (int) (object % perBlock) * Dnode.SLOT;
        Dnode dn = Dnode.parse(object, block, offset, block.length - offset, what);
        if (dn == null) {
            throw Dnode.damaged(what, "is a free dnode");
        }
        return dn;
    }

    /** {@link #dnode} that must be of {@code type}. */
    Dnode dnode(long object, int type, String role) throws ZfsException {
        Dnode dn = dnode(object);
        if (dn.type() != type) {
            throw Dnode.damaged("%s (object %d of %s)".formatted(role, object, name),
                    "has object type %d, not %d".formatted(dn.type(), type));
        }
        return dn;
    }

    /**
     * Data block {@code blockId} of {@code dn}, {@link Dnode#dataBlockSize()} bytes; zeros for a
     * hole or a block past the end.
     */
    byte[] block(Dnode dn, long blockId) throws ZfsException {
        String what = "block " + blockId + " of object " + dn.object() + " of " + name; // per block: no Formatter
        if (blockId < 0 || blockId > dn.maxBlockId()) {
            return new byte[dn.dataBlockSize()];
        }
        BlockPointer bp = pointer(dn, blockId, what);
        if (bp == null || bp.hole()) {
            return new byte[dn.dataBlockSize()];
        }
        byte[] data = reader.read(bp, what);
        if (data.length != dn.dataBlockSize()) {
            throw Dnode.damaged(what, "is %d bytes, not the object's block size %d".formatted(data.length, dn.dataBlockSize()));
        }
        return data;
    }

    /** The level-0 block pointer of {@code blockId}, or null when a level above it is a hole. */
    BlockPointer pointer(Dnode dn, long blockId, String what) throws ZfsException {
        int perIndirect = dn.levels() > 1 ? dn.indirectShift() - 7 : 0;
        int top = dn.levels() - 1;
        long topIndex = top * perIndirect >= 63 ? 0 : blockId >>> (top * perIndirect);
        if (topIndex >= dn.blockPointers().size()) {
            return null;
        }
        BlockPointer bp = dn.blockPointers().get((int) topIndex);
        for (int level = top; level > 0; level--) {
            if (bp.hole()) {
                return null;
            }
            if (bp.level() != level) {
                throw Dnode.damaged(what, "has a level-%d pointer where level %d belongs".formatted(bp.level(), level));
            }
            byte[] indirect = reader.read(bp, "indirect block (level " + level + ") of " + what);
            if (indirect.length != 1 << dn.indirectShift()) {
                throw Dnode.damaged(what, "has an indirect block of %d bytes, not %d".formatted(indirect.length, 1 << dn.indirectShift()));
            }
            int index = (int) ((blockId >>> ((level - 1) * perIndirect)) & ((1L << perIndirect) - 1));
            bp = BlockPointer.parse(indirect, index * BlockPointer.SIZE);
        }
        return bp;
    }

    /** {@code length} bytes of {@code dn}'s data from {@code offset} (holes read as zeros). */
    byte[] read(Dnode dn, long offset, int length) throws ZfsException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long blockId = pos / dn.dataBlockSize();
            int within = (int) (pos % dn.dataBlockSize());
            int n = Math.min(length - done, dn.dataBlockSize() - within);
            System.arraycopy(block(dn, blockId), within, out, done, n);
            done += n;
        }
        return out;
    }
}
