package dev.jkboot.elf;

/**
 * One Elf64_Shdr (64 bytes) with its position in the table and its name already looked up in the
 * section name string table ("" when the file has none). {@code link} and {@code info} are
 * unsigned 32-bit fields.
 */
public record SectionHeader(
        int index,
        String name,
        int type,
        long flags,
        long addr,
        long offset,
        long size,
        int link,
        int info,
        long addralign,
        long entsize) {

    public static final int SIZE = 64;

    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    /** Section index 0: no section. */
    public static final int SHN_UNDEF = 0;
    /** Start of the reserved section indices (absolute, common, escapes). */
    public static final int SHN_LORESERVE = 0xff00;
    /** e_shstrndx value meaning "the real index is in section header 0's sh_link". */
    public static final int SHN_XINDEX = 0xffff;

    /** Whether the section occupies bytes in the file (not SHT_NULL, not SHT_NOBITS). */
    public boolean hasFileBytes() {
        return type != SHT_NULL && type != SHT_NOBITS;
    }

    /** "section 5 (.symtab)", for messages. */
    String describe() {
        return name.isEmpty() ? "section " + index : "section " + index + " (" + name + ")";
    }

    /** Decodes the entry at {@code offset}, which the caller has checked lies inside the file. */
    static SectionHeader read(FileBytes file, long offset, int index, String name) {
        return new SectionHeader(index, name, file.u32(offset + 4), file.u64(offset + 8),
                file.u64(offset + 16), file.u64(offset + 24), file.u64(offset + 32),
                file.u32(offset + 40), file.u32(offset + 44), file.u64(offset + 48),
                file.u64(offset + 56));
    }

    /** The sh_name field of the entry at {@code offset}: an offset into the name string table. */
    static long nameOffset(FileBytes file, long offset) {
        return Integer.toUnsignedLong(file.u32(offset));
    }
}
