package dev.jkboot.fdt;

import static dev.jkboot.fdt.FdtFormat.BEGIN_NODE;
import static dev.jkboot.fdt.FdtFormat.END;
import static dev.jkboot.fdt.FdtFormat.END_NODE;
import static dev.jkboot.fdt.FdtFormat.HEADER_SIZE;
import static dev.jkboot.fdt.FdtFormat.MAGIC;
import static dev.jkboot.fdt.FdtFormat.MAX_DEPTH;
import static dev.jkboot.fdt.FdtFormat.NOP;
import static dev.jkboot.fdt.FdtFormat.PROP;
import static dev.jkboot.fdt.FdtFormat.RESERVE_ENTRY_SIZE;
import static dev.jkboot.fdt.FdtFormat.V16_HEADER_SIZE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a DTB (versions 16 and 17) into an {@link Fdt}, checking every offset and length against
 * the blob before using it: any malformed input gives an {@link FdtException} that names the
 * problem, its byte offset and the node being read, never another exception.
 */
public final class FdtReader {
    private final byte[] blob;
    private final String source;
    /** The nodes begun and not yet ended, innermost first. */
    private final Deque<OpenNode> open = new ArrayDeque<>();
    private final List<Integer> nopTokenIndexes = new ArrayList<>();
    private final Map<Integer, Integer> paddingByToken = new HashMap<>();
    private int stringsOffset;
    private int stringsSize;
    /** Where the structure block's FDT_END token ends. */
    private int structEnd;

    private FdtReader(byte[] blob, String source) {
        this.blob = blob;
        this.source = source;
    }

    /**
     * Reads {@code blob}; {@code source} names where it came from ({@code /sys/firmware/fdt}, a
     * file) for the messages. Bytes past the header's totalsize are ignored.
     */
    public static Fdt read(byte[] blob, String source) throws FdtException {
        return new FdtReader(blob, source).read();
    }

    /** A block of the blob, {@code [start, end)}. */
    private record Block(String name, long start, long end) {
        boolean overlaps(Block o) {
            return start < end && o.start < o.end && start < o.end && o.start < end;
        }
    }

    private Fdt read() throws FdtException {
        if (blob.length < HEADER_SIZE) {
            throw corrupt(0, "the blob is only %d bytes long, shorter than a device-tree header (%d)"
                    .formatted(blob.length, HEADER_SIZE));
        }
        if (u32(0) != (MAGIC & 0xffffffffL)) {
            throw corrupt(0, "bad magic 0x%08x (a flattened device tree starts with 0x%08x)"
                    .formatted(u32(0), MAGIC));
        }
        long totalSize = u32(4);
        long structOffset = u32(8);
        long stringsOff = u32(12);
        long memRsvOffset = u32(16);
        long version = u32(20);
        long lastCompVersion = u32(24);
        long bootCpuidPhys = u32(28);
        long stringsLength = u32(32);
        checkVersion(version, lastCompVersion);
        int headerSize = version == 16 ? V16_HEADER_SIZE : HEADER_SIZE;
        if (totalSize > blob.length) {
            throw corrupt(4, "the header says the tree is %d bytes long but only %d are there: it is truncated"
                    .formatted(totalSize, blob.length));
        }
        if (totalSize < headerSize) {
            throw corrupt(4, "the header says the tree is %d bytes long, shorter than its own header"
                    .formatted(totalSize));
        }
        checkBlockStart("memory-reservation", 16, memRsvOffset, headerSize, totalSize, 8);
        checkBlockStart("structure", 8, structOffset, headerSize, totalSize, 4);
        checkBlockStart("strings", 12, stringsOff, headerSize, totalSize, 1);
        Block strings = new Block("strings", stringsOff, stringsOff + stringsLength);
        checkInside(strings, 32, totalSize);
        stringsOffset = (int) stringsOff;
        stringsSize = (int) stringsLength;

        List<MemoryReservation> reservations = new ArrayList<>();
        Block memRsv = readReservations((int) memRsvOffset, (int) totalSize, reservations);

        List<Block> blocks = new ArrayList<>(List.of(memRsv, strings));
        long structLimit;
        if (version == 16) {
            // No size_dt_struct in a version-16 header: the block may run up to the next block.
            long nextStart = Long.MAX_VALUE;
            for (Block b : blocks) {
                if (b.start() > structOffset) {
                    nextStart = Math.min(nextStart, b.start());
                }
            }
            structLimit = nextStart == Long.MAX_VALUE ? totalSize : nextStart;
        } else {
            Block declared = new Block("structure", structOffset, structOffset + u32(36));
            checkInside(declared, 36, totalSize);
            blocks.add(declared);
            checkDisjoint(blocks);
            structLimit = declared.end;
        }
        FdtNode root = readStructure((int) structOffset, (int) structLimit);
        if (version == 16) {
            blocks.add(new Block("structure", structOffset, structEnd));
            checkDisjoint(blocks);
        }
        String stringsBlock = new String(blob, stringsOffset, stringsSize, StandardCharsets.ISO_8859_1);
        FdtLayout layout = new FdtLayout((int) totalSize, (int) memRsvOffset, (int) structOffset,
                stringsOffset, stringsBlock, nopTokenIndexes, paddingByToken);
        return new Fdt(root, reservations, bootCpuidPhys, Optional.of(layout));
    }

    private void checkVersion(long version, long lastCompVersion) throws FdtException {
        String fix = "recompile the device tree with a current dtc (version 17), or pass another with --dtb";
        if (version < 16) {
            throw new FdtException("%s: device-tree format version %d at byte offset 0x14 is older than 16;"
                    .formatted(source, version) + " jkboot reads versions 16 and 17", fix);
        }
        if (lastCompVersion > 17) {
            throw new FdtException("%s: device-tree format version %d at byte offset 0x14 is not backward"
                    .formatted(source, version) + " compatible with version 17 (last_comp_version %d)"
                    .formatted(lastCompVersion), fix);
        }
    }

    private void checkBlockStart(String name, int field, long offset, int headerSize, long totalSize, int alignment)
            throws FdtException {
        if (offset < headerSize || offset > totalSize) {
            throw corrupt(field, "the %s block offset 0x%x lies outside [0x%x, 0x%x] (after the header, within"
                    .formatted(name, offset, headerSize, totalSize) + " the tree's totalsize)");
        }
        if (offset % alignment != 0) {
            throw corrupt(field, "the %s block offset 0x%x is not %d-byte aligned".formatted(name, offset, alignment));
        }
    }

    private void checkInside(Block block, int field, long totalSize) throws FdtException {
        if (block.end > totalSize) {
            throw corrupt(field, "the %s block [0x%x, 0x%x) runs past the tree's totalsize 0x%x"
                    .formatted(block.name, block.start, block.end, totalSize));
        }
    }

    private void checkDisjoint(List<Block> blocks) throws FdtException {
        for (int i = 0; i < blocks.size(); i++) {
            for (int j = i + 1; j < blocks.size(); j++) {
                Block a = blocks.get(i);
                Block b = blocks.get(j);
                if (a.overlaps(b)) {
                    throw corrupt(Math.max(a.start, b.start), "the %s block [0x%x, 0x%x) overlaps the %s block [0x%x, 0x%x)"
                            .formatted(a.name, a.start, a.end, b.name, b.start, b.end));
                }
            }
        }
    }

    /** Entries up to the one of size zero, which ends the block (as libfdt and Linux read it). */
    private Block readReservations(int offset, int totalSize, List<MemoryReservation> into) throws FdtException {
        for (int at = offset; ; at += RESERVE_ENTRY_SIZE) {
            if (at + RESERVE_ENTRY_SIZE > totalSize) {
                throw corrupt(at, "the memory-reservation block has no terminating entry before the end of the tree");
            }
            long address = u64(at);
            long size = u64(at + 8);
            if (size == 0) {
                return new Block("memory-reservation", offset, at + RESERVE_ENTRY_SIZE);
            }
            if (Long.compareUnsigned(address + size, address) < 0) {
                throw corrupt(at, "memory reservation of 0x%x bytes at 0x%x runs past 2^64".formatted(size, address));
            }
            into.add(new MemoryReservation(address, size));
        }
    }

    private FdtNode readStructure(int start, int limit) throws FdtException {
        FdtNode root = null;
        int tokens = 0;
        int at = start;
        while (true) {
            if (limit - at < 4) {
                throw corrupt(at, "the structure block ends at 0x%x without FDT_END".formatted(limit));
            }
            int tokenAt = at;
            long token = u32(at);
            at += 4;
            if (token == NOP) {
                nopTokenIndexes.add(tokens);
                continue;
            }
            int tokenIndex = tokens++;
            if (token == BEGIN_NODE) {
                if (root != null) {
                    throw corrupt(tokenAt, "a second root node begins after the first ended");
                }
                if (open.size() == MAX_DEPTH) {
                    throw corrupt(tokenAt, "nodes nest deeper than %d levels".formatted(MAX_DEPTH));
                }
                int nul = indexOfNul(at, limit);
                if (nul < 0) {
                    throw corrupt(at, "a node name runs past the end of the structure block (no NUL)");
                }
                if (!open.isEmpty()) {
                    open.peek().sawChild = true;
                }
                open.push(new OpenNode(new String(blob, at, nul - at, StandardCharsets.ISO_8859_1)));
                at = padding(tokenIndex, nul + 1, limit);
            } else if (token == END_NODE) {
                if (open.isEmpty()) {
                    throw corrupt(tokenAt, "FDT_END_NODE without a matching FDT_BEGIN_NODE");
                }
                FdtNode node = open.pop().build();
                if (open.isEmpty()) {
                    root = node;
                } else {
                    open.peek().children.add(node);
                }
            } else if (token == PROP) {
                at = readProperty(tokenIndex, tokenAt, at, limit);
            } else if (token == END) {
                if (!open.isEmpty()) {
                    throw corrupt(tokenAt, "FDT_END comes before the node ends (FDT_END_NODE missing)");
                }
                if (root == null) {
                    throw corrupt(tokenAt, "FDT_END comes before any node: the tree has no root");
                }
                structEnd = at;
                return root;
            } else {
                throw corrupt(tokenAt, "unknown token 0x%08x (or a misaligned one)".formatted(token));
            }
        }
    }

    /** Reads the property whose FDT_PROP token is at {@code tokenAt}; returns where the next token is. */
    private int readProperty(int tokenIndex, int tokenAt, int at, int limit) throws FdtException {
        if (open.isEmpty()) {
            throw corrupt(tokenAt, "a property outside any node");
        }
        if (limit - at < 8) {
            throw corrupt(tokenAt, "a property header runs past the end of the structure block");
        }
        long length = u32(at);
        long nameOffset = u32(at + 4);
        at += 8;
        if (length > limit - at) {
            throw corrupt(tokenAt, "a property value of %d bytes runs past the end of the structure block at 0x%x"
                    .formatted(length, limit));
        }
        String name = propertyName(tokenAt, nameOffset);
        OpenNode node = open.peek();
        if (node.sawChild) {
            throw corrupt(tokenAt, "property %s follows a child node; properties must come first".formatted(name));
        }
        node.properties.add(new FdtProperty(name, Arrays.copyOfRange(blob, at, at + (int) length)));
        return padding(tokenIndex, at + (int) length, limit);
    }

    /** Notes the padding from {@code from} to the next 4-byte boundary if it is not zero; returns that boundary. */
    private int padding(int tokenIndex, int from, int limit) throws FdtException {
        int to = FdtFormat.align4(from);
        if (to > limit) {
            throw corrupt(from, "the padding after a name or value runs past the end of the structure block");
        }
        int bytes = 0;
        for (int i = from; i < to; i++) {
            bytes = bytes << 8 | (blob[i] & 0xff);
        }
        if (bytes != 0) {
            paddingByToken.put(tokenIndex, bytes);
        }
        return to;
    }

    private String propertyName(int tokenAt, long nameOffset) throws FdtException {
        if (nameOffset >= stringsSize) {
            throw corrupt(tokenAt, "a property name offset 0x%x lies outside the strings block (0x%x bytes)"
                    .formatted(nameOffset, stringsSize));
        }
        int from = stringsOffset + (int) nameOffset;
        int nul = indexOfNul(from, stringsOffset + stringsSize);
        if (nul < 0) {
            throw corrupt(tokenAt, "the property name at strings offset 0x%x runs past the strings block (no NUL)"
                    .formatted(nameOffset));
        }
        return new String(blob, from, nul - from, StandardCharsets.ISO_8859_1);
    }

    private int indexOfNul(int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (blob[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private long u32(int at) {
        return (blob[at] & 0xffL) << 24 | (blob[at + 1] & 0xffL) << 16 | (blob[at + 2] & 0xffL) << 8
                | (blob[at + 3] & 0xffL);
    }

    private long u64(int at) {
        return u32(at) << 32 | u32(at + 4);
    }

    private FdtException corrupt(long offset, String what) {
        String where = open.isEmpty() ? "" : " (in node %s)".formatted(openPath());
        return new FdtException("%s: %s, at byte offset 0x%x%s".formatted(source, what, offset, where),
                "the device tree at %s is corrupt or truncated; pass a good one with --dtb".formatted(source));
    }

    private String openPath() {
        StringBuilder path = new StringBuilder();
        Iterator<OpenNode> outermostFirst = open.descendingIterator();
        outermostFirst.next(); // the root, whatever its blob name, is "/"
        outermostFirst.forEachRemaining(n -> path.append('/').append(n.name));
        return path.length() == 0 ? "/" : path.toString();
    }

    /** A node whose FDT_END_NODE has not been read yet. */
    private static final class OpenNode {
        final String name;
        final List<FdtProperty> properties = new ArrayList<>();
        final List<FdtNode> children = new ArrayList<>();
        boolean sawChild;

        OpenNode(String name) {
            this.name = name;
        }

        FdtNode build() {
            return new FdtNode(name, properties, children);
        }
    }
}
