package dev.jkboot.fdt;

/** The numbers of the DTB format (devicetree specification, chapter 5) shared by reader and writer. */
final class FdtFormat {
    static final int MAGIC = 0xd00dfeed;
    /** Header of version 17; version 16 lacks the last field, size_dt_struct. */
    static final int HEADER_SIZE = 40;
    static final int V16_HEADER_SIZE = 36;
    static final int VERSION = 17;
    static final int LAST_COMP_VERSION = 16;
    static final int RESERVE_ENTRY_SIZE = 16;

    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int NOP = 4;
    static final int END = 9;

    /** Linux's unflattener gives up at the same depth; no real tree comes near it. */
    static final int MAX_DEPTH = 64;

    private FdtFormat() {}

    static int align4(int offset) {
        return (offset + 3) & -4;
    }
}
