package dev.jkboot.elf;

/**
 * One Elf64_Phdr (56 bytes). Offsets, addresses and sizes are unsigned 64-bit values; kernel
 * virtual addresses such as 0xffff000000000000 are negative as Java {@code long}s, so compare them
 * with {@link Long#compareUnsigned}.
 */
public record ProgramHeader(
        int type, int flags, long offset, long vaddr, long paddr, long filesz, long memsz, long align) {

    public static final int SIZE = 56;

    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;
    public static final int PT_GNU_EH_FRAME = 0x6474e550;
    public static final int PT_GNU_STACK = 0x6474e551;
    public static final int PT_GNU_RELRO = 0x6474e552;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    /** Whether {@code [vaddr, vaddr + length)} lies inside this segment's memory image. */
    public boolean containsVaddr(long address, long length) {
        return Long.compareUnsigned(length, memsz) <= 0
                && Long.compareUnsigned(address - vaddr, memsz - length) <= 0;
    }

    /** Whether {@code [offset, offset + size)} lies inside the bytes this segment takes from the file. */
    public boolean containsFileRange(long fileOffset, long size) {
        return Long.compareUnsigned(size, filesz) <= 0
                && Long.compareUnsigned(fileOffset - offset, filesz - size) <= 0;
    }

    /** "PT_LOAD" and so on, for messages. */
    public String typeName() {
        return switch (type) {
            case PT_NULL -> "PT_NULL";
            case PT_LOAD -> "PT_LOAD";
            case PT_DYNAMIC -> "PT_DYNAMIC";
            case PT_INTERP -> "PT_INTERP";
            case PT_NOTE -> "PT_NOTE";
            case PT_PHDR -> "PT_PHDR";
            case PT_TLS -> "PT_TLS";
            case PT_GNU_EH_FRAME -> "PT_GNU_EH_FRAME";
            case PT_GNU_STACK -> "PT_GNU_STACK";
            case PT_GNU_RELRO -> "PT_GNU_RELRO";
            default -> "type 0x" + Integer.toHexString(type);
        };
    }

    /** Decodes the entry at {@code offset}, which the caller has checked lies inside the file. */
    static ProgramHeader read(FileBytes file, long offset) {
        return new ProgramHeader(file.u32(offset), file.u32(offset + 4), file.u64(offset + 8),
                file.u64(offset + 16), file.u64(offset + 24), file.u64(offset + 32),
                file.u64(offset + 40), file.u64(offset + 48));
    }
}
