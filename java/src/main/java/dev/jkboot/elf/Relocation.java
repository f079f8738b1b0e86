package dev.jkboot.elf;

/**
 * One Elf64_Rela (24 bytes): where to patch, how, against which symbol, with which addend.
 * jkboot only reads relocations (to follow pointers in module data); applying them is the
 * caller's job.
 */
public record Relocation(long offset, int type, long symbol, long addend) {

    public static final int SIZE = 24;

    /** S + A: the address of symbol {@link #symbol()} plus the addend, as a 64-bit value. */
    public static final int R_AARCH64_ABS64 = 257;
    /** B + A: the load base plus the addend; no symbol. */
    public static final int R_AARCH64_RELATIVE = 1027;

    /** Decodes the entry at {@code offset}: r_info holds the symbol index high, the type low. */
    static Relocation read(FileBytes file, long offset) {
        long info = file.u64(offset + 8);
        return new Relocation(file.u64(offset), (int) info, info >>> 32, file.u64(offset + 16));
    }
}
