package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset's system-attribute tables (ZPL version 5 and later; sys/contrib/openzfs/module/zfs/sa.c):
 * the registry (attribute name → number, fixed length or 0 for variable) and the layouts (layout
 * number → attribute numbers in stored order), read once from the SA master node. With them, an
 * SA bonus or spill buffer is decoded: a header of magic, layout and variable lengths, then the
 * attributes back to back, each rounded up to 8 bytes (sa_attr_iter).
 */
final class SystemAttributes {
    static final int SA_MAGIC = 0x2F505A;
    private static final int MAX_ATTRIBUTES = 1000;

    private record Registered(int number, int length) {}

    private final Map<String, Registered> registry;
    private final Map<Integer, int[]> layouts;

    private SystemAttributes(Map<String, Registered> registry, Map<Integer, int[]> layouts) {
        this.registry = registry;
        this.layouts = layouts;
    }

    /** The tables under SA master node {@code master}. */
    static SystemAttributes read(ObjectSet os, long master) throws ZfsException {
        String what = "the system-attribute tables of " + os.name();
        Map<String, ZapEntry> top = new HashMap<>();
        for (ZapEntry e : Zap.entries(os, os.dnode(master), MAX_ATTRIBUTES, what)) {
            top.put(e.name(), e);
        }
        if (!top.containsKey("REGISTRY") || !top.containsKey("LAYOUTS")) {
            throw Dnode.damaged(what, "lack REGISTRY or LAYOUTS");
        }
        Map<String, Registered> registry = new HashMap<>();
        for (ZapEntry e : Zap.entries(os, os.dnode(top.get("REGISTRY").value()), MAX_ATTRIBUTES, what)) {
            long v = e.value();
            registry.put(e.name(), new Registered((int) (v & 0xffff), (int) (v >>> 24 & 0xffff)));
        }
        Map<Integer, int[]> layouts = new HashMap<>();
        for (ZapEntry e : Zap.entries(os, os.dnode(top.get("LAYOUTS").value()), MAX_ATTRIBUTES, what)) {
            try {
                int[] attrs = new int[e.values().length];
                for (int i = 0; i < attrs.length; i++) {
                    attrs[i] = (int) e.values()[i];
                }
                layouts.put(Integer.parseInt(e.name()), attrs);
            } catch (NumberFormatException ex) {
                throw Dnode.damaged(what, "name a layout \"%s\"".formatted(e.name()));
            }
        }
        return new SystemAttributes(registry, layouts);
    }

    /** Built from known tables, for tests and writers. */
    static SystemAttributes of(Map<String, int[]> registry, Map<Integer, int[]> layouts) {
        Map<String, Registered> r = new HashMap<>();
        registry.forEach((name, numberAndLength) -> r.put(name, new Registered(numberAndLength[0], numberAndLength[1])));
        return new SystemAttributes(r, Map.copyOf(layouts));
    }

    /**
     * The bytes of attribute {@code name} in the SA buffer {@code buffer}, or empty when its
     * layout does not hold it (it may be in the spill block).
     */
    Optional<byte[]> find(byte[] buffer, String name, String what) throws ZfsException {
        Registered wanted = registry.get(name);
        if (wanted == null) {
            return Optional.empty();
        }
        if (buffer.length < 8) {
            throw Dnode.damaged(what, "has a system-attribute buffer of %d bytes".formatted(buffer.length));
        }
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != SA_MAGIC) {
            throw Dnode.damaged(what, "has system attributes with magic 0x%x%s".formatted(magic,
                    Integer.reverseBytes(magic) == SA_MAGIC ? " (big-endian, which jkboot does not read)" : ""));
        }
        int info = b.getShort(4) & 0xffff;
        int[] layout = layouts.get(info & 0x3ff);
        if (layout == null) {
            throw Dnode.damaged(what, "uses system-attribute layout %d, which is not registered".formatted(info & 0x3ff));
        }
        int header = (info >>> 10 & 0x3f) * 8;
        int variable = 0;
        for (int attr : layout) {
            if (length(attr) == 0) {
                variable++;
            }
        }
        int expected = (6 + 2 * variable + 7) & ~7;
        if (header != expected || header > buffer.length) {
            throw Dnode.damaged(what, "has a system-attribute header of %d bytes where layout %d needs %d"
                    .formatted(header, info & 0x3ff, expected));
        }
        int offset = header;
        int nextLength = 0;
        for (int attr : layout) {
            int length = length(attr);
            if (length == 0) {
                length = b.getShort(6 + 2 * nextLength++) & 0xffff;
            }
            if (length > buffer.length - offset) {
                throw Dnode.damaged(what, "has system attribute %d of %d bytes past the buffer's end".formatted(attr, length));
            }
            if (attr == wanted.number()) {
                return Optional.of(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
            }
            offset += (length + 7) & ~7;
            if (offset > buffer.length) {
                break;
            }
        }
        return Optional.empty();
    }

    private int length(int attr) {
        for (Registered r : registry.values()) {
            if (r.number() == attr) {
                return r.length();
            }
        }
        return 0;
    }
}
