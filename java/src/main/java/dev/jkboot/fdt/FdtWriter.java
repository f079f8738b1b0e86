package dev.jkboot.fdt;

import static dev.jkboot.fdt.FdtFormat.BEGIN_NODE;
import static dev.jkboot.fdt.FdtFormat.END;
import static dev.jkboot.fdt.FdtFormat.END_NODE;
import static dev.jkboot.fdt.FdtFormat.HEADER_SIZE;
import static dev.jkboot.fdt.FdtFormat.LAST_COMP_VERSION;
import static dev.jkboot.fdt.FdtFormat.MAGIC;
import static dev.jkboot.fdt.FdtFormat.NOP;
import static dev.jkboot.fdt.FdtFormat.PROP;
import static dev.jkboot.fdt.FdtFormat.RESERVE_ENTRY_SIZE;
import static dev.jkboot.fdt.FdtFormat.VERSION;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serializes an {@link Fdt} to a DTB of version 17 (last compatible version 16).
 *
 * <p>With no layout, the blob is laid out as dtc does: header, reservations at 40, structure,
 * strings (each name stored once, reusing a suffix of an earlier one), no slack. With the layout
 * of a parsed blob, the original strings block is kept (new names appended), NOPs go back where
 * they were, and the blocks go back to their original offsets within the original total size when
 * they still fit there, and are packed as without a layout when they do not. So an unmodified
 * tree comes out byte for byte as it was read.
 */
public final class FdtWriter {
    private final Strings strings;
    private final List<Integer> nopTokenIndexes;
    private final Map<Integer, Integer> paddingByToken;
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private int tokens;
    private int nopsWritten;

    private FdtWriter(Optional<FdtLayout> layout) {
        this.strings = new Strings(layout.map(FdtLayout::stringsBlock).orElse(""));
        this.nopTokenIndexes = layout.map(FdtLayout::nopTokenIndexes).orElse(List.of());
        this.paddingByToken = layout.map(FdtLayout::paddingByToken).orElse(Map.of());
    }

    public static byte[] write(Fdt fdt) {
        return new FdtWriter(fdt.layout()).blob(fdt);
    }

    /** A block to place: its content and, when reusing a layout, where it was. */
    private record Block(byte[] content, int offset) {
        int end() {
            return offset + content.length;
        }
    }

    private byte[] blob(Fdt fdt) {
        writeNode(fdt.root());
        token(END);
        byte[] memRsv = reservations(fdt.reservations());
        byte[] structure = struct.toByteArray();
        byte[] stringsBlock = strings.bytes();

        Optional<FdtLayout> original = fdt.layout();
        Block rsvAt;
        Block structAt;
        Block stringsAt;
        int totalSize;
        if (original.isPresent() && fits(original.get(), memRsv, structure, stringsBlock)) {
            FdtLayout l = original.get();
            rsvAt = new Block(memRsv, l.memRsvOffset());
            structAt = new Block(structure, l.structOffset());
            stringsAt = new Block(stringsBlock, l.stringsOffset());
            totalSize = l.totalSize();
        } else {
            rsvAt = new Block(memRsv, HEADER_SIZE);
            structAt = new Block(structure, rsvAt.end());
            stringsAt = new Block(stringsBlock, structAt.end());
            totalSize = stringsAt.end();
        }
        ByteBuffer out = ByteBuffer.allocate(totalSize);
        out.putInt(MAGIC).putInt(totalSize).putInt(structAt.offset).putInt(stringsAt.offset)
                .putInt(rsvAt.offset).putInt(VERSION).putInt(LAST_COMP_VERSION).putInt((int) fdt.bootCpuidPhys())
                .putInt(stringsBlock.length).putInt(structure.length);
        for (Block b : List.of(rsvAt, structAt, stringsAt)) {
            out.put(b.offset, b.content);
        }
        return out.array();
    }

    /** Whether the new blocks fit, in the original order, into the original placement. */
    private static boolean fits(FdtLayout l, byte[] memRsv, byte[] structure, byte[] stringsBlock) {
        if (l.memRsvOffset() % 8 != 0 || l.structOffset() % 4 != 0) {
            return false;
        }
        List<Block> blocks = List.of(new Block(memRsv, l.memRsvOffset()), new Block(structure, l.structOffset()),
                new Block(stringsBlock, l.stringsOffset()));
        long free = HEADER_SIZE;
        for (Block b : blocks.stream().sorted(Comparator.comparingInt(Block::offset)).toList()) {
            if (b.offset < free) {
                return false;
            }
            free = (long) b.offset + b.content.length;
        }
        return free <= l.totalSize();
    }

    private static byte[] reservations(List<MemoryReservation> reservations) {
        ByteBuffer rsv = ByteBuffer.allocate((reservations.size() + 1) * RESERVE_ENTRY_SIZE);
        for (MemoryReservation r : reservations) {
            rsv.putLong(r.address()).putLong(r.size());
        }
        return rsv.array(); // the last entry stays zero: the terminator
    }

    private void writeNode(FdtNode node) {
        int begin = token(BEGIN_NODE);
        struct.writeBytes(node.name().getBytes(StandardCharsets.ISO_8859_1));
        struct.write(0);
        pad(begin);
        for (FdtProperty p : node.properties()) {
            int prop = token(PROP);
            byte[] value = p.value();
            u32(value.length);
            u32(strings.offsetOf(p.name()));
            struct.writeBytes(value);
            pad(prop);
        }
        for (FdtNode child : node.children()) {
            writeNode(child);
        }
        token(END_NODE);
    }

    /**
     * Writes a token, after the NOPs the layout places before it (all remaining ones before
     * FDT_END); returns its index among the tokens that are not NOPs.
     */
    private int token(int token) {
        while (nopsWritten < nopTokenIndexes.size()
                && (token == END || nopTokenIndexes.get(nopsWritten) <= tokens)) {
            u32(NOP);
            nopsWritten++;
        }
        u32(token);
        return tokens++;
    }

    private void u32(int value) {
        struct.write(value >>> 24);
        struct.write(value >>> 16);
        struct.write(value >>> 8);
        struct.write(value);
    }

    /** Pads the name or value of token {@code tokenIndex} to 4 bytes: zeros, or what the layout kept. */
    private void pad(int tokenIndex) {
        int count = FdtFormat.align4(struct.size()) - struct.size();
        int bytes = paddingByToken.getOrDefault(tokenIndex, 0);
        for (int i = count - 1; i >= 0; i--) {
            struct.write(bytes >>> (8 * i));
        }
    }

    /** The strings block: starts as the layout's, finds each name where a C string reading it starts. */
    private static final class Strings {
        private final StringBuilder block;
        private final Map<String, Integer> offsets = new HashMap<>();

        Strings(String original) {
            block = new StringBuilder(original);
        }

        int offsetOf(String name) {
            return offsets.computeIfAbsent(name, n -> {
                int at = block.indexOf(n + '\0');
                if (at < 0) {
                    at = block.length();
                    block.append(n).append('\0');
                }
                return at;
            });
        }

        byte[] bytes() {
            return block.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
