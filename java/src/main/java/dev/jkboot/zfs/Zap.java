package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads ZAP objects, ZFS's name-value maps (sys/contrib/openzfs/include/sys/zap_impl.h,
 * zap_leaf.h): a micro ZAP (one block of 64-byte entries) or a fat ZAP (a header block, then
 * leaf blocks of 24-byte chunks: entries, and arrays that hold names and values in big-endian
 * bytes). Every entry is found by scanning the leaf blocks' chunks, as FreeBSD's loader lists a
 * ZAP (fzap_list in stand/libsa/zfs/zfsimpl.c), not through the hash pointer table; so a damaged
 * table cannot send a lookup astray, and every chain is bounded by the leaf's chunk count.
 */
final class Zap {
    static final long ZBT_LEAF = (1L << 63);
    static final long ZBT_HEADER = (1L << 63) + 1;
    static final long ZBT_MICRO = (1L << 63) + 3;
    static final long ZAP_MAGIC = 0x2F52AB2ABL;
    static final int ZAP_LEAF_MAGIC = 0x2AB1EAF;
    /** MZAP_ENT_LEN and MZAP_NAME_LEN. */
    private static final int MICRO_ENTRY = 64;
    private static final int MICRO_NAME = 50;
    private static final int CHUNK = 24;
    private static final int ARRAY_BYTES = 21;
    private static final int CHUNK_ENTRY = 252;
    private static final int CHUNK_ARRAY = 251;
    /** Blocks read for one fat ZAP: with 16 KiB blocks, a directory of a million names, far beyond /boot. */
    static final long MAX_BLOCKS = 1 << 13;

    private Zap() {}

    /** Every entry of ZAP object {@code dn}, refusing more than {@code limit}; {@code what} names it. */
    static List<ZapEntry> entries(ObjectSet os, Dnode dn, int limit, String what) throws ZfsException {
        byte[] first = os.block(dn, 0);
        ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        if (first.length < 128) {
            throw damaged(what, "has blocks of only %d bytes".formatted(first.length));
        }
        long blockType = b.getLong(0);
        List<ZapEntry> out = new ArrayList<>();
        if (blockType == ZBT_MICRO) {
            for (int at = MICRO_ENTRY; at + MICRO_ENTRY <= first.length; at += MICRO_ENTRY) {
                if (first[at + 14] == 0) {
                    continue; // an unused entry has an empty name
                }
                int length = 0;
                while (length < MICRO_NAME && first[at + 14 + length] != 0) {
                    length++;
                }
                if (length == MICRO_NAME) {
                    throw damaged(what, "has a micro-ZAP name without its NUL");
                }
                add(out, new ZapEntry(new String(first, at + 14, length, StandardCharsets.UTF_8), 8,
                        new long[] {b.getLong(at)}), limit, what);
            }
            return out;
        }
        if (blockType != ZBT_HEADER || b.getLong(8) != ZAP_MAGIC) {
            throw damaged(what, "is neither a micro nor a fat ZAP (block type 0x%x)".formatted(blockType));
        }
        int shift = Integer.numberOfTrailingZeros(first.length);
        if (Integer.bitCount(first.length) != 1 || shift < 9) {
            throw damaged(what, "has fat-ZAP blocks of %d bytes".formatted(first.length));
        }
        long freeBlock = b.getLong(56);
        long blocks = Math.min(freeBlock, dn.maxBlockId() + 1);
        if (freeBlock < 1) {
            throw damaged(what, "says its first free block is %d".formatted(freeBlock));
        }
        if (blocks > MAX_BLOCKS) {
            throw new ZfsException("%s has %d blocks, more than the %d jkboot reads".formatted(what, blocks, MAX_BLOCKS),
                    "keep /boot directories smaller; or the pool is damaged");
        }
        for (long blockId = 1; blockId < blocks; blockId++) {
            BlockPointer bp = os.pointer(dn, blockId, what);
            if (bp == null || bp.hole()) {
                continue; // never written: nothing to allocate zeros for
            }
            byte[] leaf = os.block(dn, blockId);
            ByteBuffer l = ByteBuffer.wrap(leaf).order(ByteOrder.LITTLE_ENDIAN);
            if (l.getLong(0) != ZBT_LEAF || l.getInt(24) != ZAP_LEAF_MAGIC) {
                continue; // a block of the pointer table, or never used
            }
            leafEntries(leaf, shift, out, limit, what + " leaf " + blockId);
        }
        return out;
    }

    /** The entry named {@code name}, if there is one. */
    static Optional<ZapEntry> lookup(ObjectSet os, Dnode dn, String name, int limit, String what) throws ZfsException {
        for (ZapEntry e : entries(os, dn, limit, what)) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static void leafEntries(byte[] leaf, int shift, List<ZapEntry> out, int limit, String what)
            throws ZfsException {
        int hashEntries = 1 << (shift - 5);
        int chunkStart = 48 + 2 * hashEntries;
        int chunks = (leaf.length - 2 * hashEntries) / CHUNK - 2;
        for (int j = 0; j < chunks; j++) {
            int at = chunkStart + j * CHUNK;
            if ((leaf[at] & 0xff) != CHUNK_ENTRY) {
                continue;
            }
            ByteBuffer e = ByteBuffer.wrap(leaf, at, CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int intLength = leaf[at + 1] & 0xff;
            int nameChunk = e.getShort(at + 4) & 0xffff;
            int nameLength = e.getShort(at + 6) & 0xffff;
            int valueChunk = e.getShort(at + 8) & 0xffff;
            int valueCount = e.getShort(at + 10) & 0xffff;
            if (intLength != 1 && intLength != 2 && intLength != 4 && intLength != 8) {
                throw damaged(what, "has an entry with %d-byte integers".formatted(intLength));
            }
            byte[] name = array(leaf, chunkStart, chunks, nameChunk, nameLength, what);
            int nameEnd = name.length;
            while (nameEnd > 0 && name[nameEnd - 1] == 0) {
                nameEnd--;
            }
            byte[] raw = array(leaf, chunkStart, chunks, valueChunk, valueCount * intLength, what);
            long[] values = new long[valueCount];
            for (int i = 0; i < valueCount; i++) {
                long v = 0;
                for (int k = 0; k < intLength; k++) {
                    v = (v << 8) | (raw[i * intLength + k] & 0xff);
                }
                values[i] = v;
            }
            add(out, new ZapEntry(new String(name, 0, nameEnd, StandardCharsets.UTF_8), intLength, values), limit, what);
        }
    }

    /** {@code length} bytes from the chain of array chunks starting at {@code chunk}. */
    private static byte[] array(byte[] leaf, int chunkStart, int chunks, int chunk, int length, String what)
            throws ZfsException {
        if (length > chunks * ARRAY_BYTES) {
            throw damaged(what, "has a %d-byte array, more than the leaf holds".formatted(length));
        }
        byte[] out = new byte[length];
        int done = 0;
        int hops = 0;
        while (done < length) {
            if (chunk >= chunks || ++hops > chunks) {
                throw damaged(what, "has an array chain that leaves the leaf or loops");
            }
            int at = chunkStart + chunk * CHUNK;
            if ((leaf[at] & 0xff) != CHUNK_ARRAY) {
                throw damaged(what, "has an array chain through a chunk of type %d".formatted(leaf[at] & 0xff));
            }
            int n = Math.min(ARRAY_BYTES, length - done);
            System.arraycopy(leaf, at + 1, out, done, n);
            done += n;
            chunk = ((leaf[at + 22] & 0xff) | (leaf[at + 23] & 0xff) << 8);
        }
        return out;
    }

    private static void add(List<ZapEntry> out, ZapEntry e, int limit, String what) throws ZfsException {
        if (out.size() >= limit) {
            throw new ZfsException("%s holds more than %d entries".formatted(what, limit),
                    "jkboot reads at most %d names from one ZAP object; keep /boot directories smaller".formatted(limit));
        }
        out.add(e);
    }

    private static ZfsException damaged(String what, String problem) {
        return Dnode.damaged(what, problem);
    }
}
