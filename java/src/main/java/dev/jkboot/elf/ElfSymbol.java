package dev.jkboot.elf;

/**
 * One Elf64_Sym (24 bytes) with its name looked up in the linked string table. {@code shndx} is
 * the raw 16-bit section index, reserved values such as SHN_ABS (0xfff1) included.
 */
public record ElfSymbol(String name, int info, int other, int shndx, long value, long size) {

    public static final int SIZE = 24;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;

    /** The binding, the high nibble of st_info: STB_LOCAL, STB_GLOBAL, STB_WEAK, ... */
    public int bind() {
        return info >>> 4;
    }

    /** The type, the low nibble of st_info: STT_OBJECT, STT_FUNC, ... */
    public int type() {
        return info & 0xf;
    }

    public boolean isDefined() {
        return shndx != SectionHeader.SHN_UNDEF;
    }

    /** Decodes the entry at {@code offset}; the caller has checked it and its name. */
    static ElfSymbol read(FileBytes file, long offset, String name) {
        return new ElfSymbol(name, file.u8(offset + 4), file.u8(offset + 5), file.u16(offset + 6),
                file.u64(offset + 8), file.u64(offset + 16));
    }

    /** The st_name field of the entry at {@code offset}: an offset into the linked string table. */
    static long nameOffset(FileBytes file, long offset) {
        return Integer.toUnsignedLong(file.u32(offset));
    }
}
