package dev.jkboot.elf;

/** One Elf64_Dyn (16 bytes) of the PT_DYNAMIC segment: a tag and its value or address. */
public record DynamicEntry(long tag, long value) {

    public static final int SIZE = 16;

    public static final long DT_NULL = 0;
    public static final long DT_NEEDED = 1;
    public static final long DT_RELA = 7;
    public static final long DT_RELASZ = 8;
    public static final long DT_RELAENT = 9;

    static DynamicEntry read(FileBytes file, long offset) {
        return new DynamicEntry(file.u64(offset), file.u64(offset + 8));
    }
}
