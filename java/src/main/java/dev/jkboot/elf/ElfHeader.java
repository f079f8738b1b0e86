package dev.jkboot.elf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 64-byte Elf64_Ehdr, field by field and verbatim ({@link #bytes()}, which FreeBSD's loader
 * hands to the kernel as MODINFOMD_ELFHDR).
 *
 * <p>{@code phnum}, {@code shnum} and {@code shstrndx} are the raw header fields; when a file uses
 * extended numbering (PN_XNUM, e_shnum 0, SHN_XINDEX) the real values live in section header 0
 * and {@link ElfFile} resolves them.
 */
public record ElfHeader(
        int osAbi,
        int abiVersion,
        int type,
        int machine,
        int version,
        long entry,
        long phoff,
        long shoff,
        int flags,
        int ehsize,
        int phentsize,
        int phnum,
        int shentsize,
        int shnum,
        int shstrndx,
        byte[] bytes) {

    public static final int SIZE = 64;

    public static final int ET_NONE = 0;
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    public static final int EM_386 = 3;
    public static final int EM_PPC64 = 21;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;

    /** e_phnum value meaning "the real count is in section header 0's sh_info". */
    public static final int PN_XNUM = 0xffff;

    static final int ELFCLASS32 = 1;
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int EV_CURRENT = 1;

    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    public ElfHeader {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an ELF64 header is 64 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The 64 header bytes exactly as in the file (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** "ET_EXEC (executable)" and so on, for messages. */
    public String typeName() {
        return switch (type) {
            case ET_NONE -> "ET_NONE (no type)";
            case ET_REL -> "ET_REL (relocatable object)";
            case ET_EXEC -> "ET_EXEC (executable)";
            case ET_DYN -> "ET_DYN (shared object)";
            case ET_CORE -> "ET_CORE (core dump)";
            default -> "type " + type;
        };
    }

    /** The machine as people name it ("AArch64 (arm64)", "x86-64 (amd64)", "machine 99"). */
    public String machineName() {
        return switch (machine) {
            case EM_AARCH64 -> "AArch64 (arm64)";
            case EM_X86_64 -> "x86-64 (amd64)";
            case EM_386 -> "i386 (32-bit x86)";
            case EM_ARM -> "ARM (32-bit arm)";
            case EM_PPC64 -> "PowerPC64";
            case EM_RISCV -> "RISC-V";
            default -> "machine " + machine;
        };
    }

    /** Decodes and checks the identification and the fixed-size fields (ELF64, LSB, version 1). */
    static ElfHeader read(FileBytes file) throws ElfException {
        if (!file.contains(0, MAGIC.length) || !Arrays.equals(file.copy(0, MAGIC.length), MAGIC)) {
            throw notElf(file);
        }
        if (!file.contains(0, SIZE)) {
            throw file.damaged("only %d bytes long; an ELF64 header alone needs %d bytes"
                    .formatted(file.length(), SIZE));
        }
        int elfClass = file.u8(4);
        if (elfClass == ELFCLASS32) {
            throw new ElfException(file.name() + " is a 32-bit ELF; jkboot boots 64-bit FreeBSD kernels",
                    "use the arm64 (aarch64) build of the FreeBSD kernel and its modules");
        }
        if (elfClass != ELFCLASS64) {
            throw file.damaged("unknown ELF class %d at offset 4 (expected 2, ELFCLASS64)".formatted(elfClass));
        }
        int data = file.u8(5);
        if (data == ELFDATA2MSB) {
            throw new ElfException(file.name() + " is a big-endian ELF; jkboot boots little-endian FreeBSD kernels",
                    "use the arm64 (aarch64, little-endian) build of the FreeBSD kernel and its modules");
        }
        if (data != ELFDATA2LSB) {
            throw file.damaged("unknown ELF data encoding %d at offset 5 (expected 1, little-endian)".formatted(data));
        }
        int identVersion = file.u8(6);
        if (identVersion != EV_CURRENT) {
            throw file.damaged("EI_VERSION is %d at offset 6 (expected 1)".formatted(identVersion));
        }
        int version = file.u32(20);
        if (version != EV_CURRENT) {
            throw file.damaged("e_version is %d at offset 20 (expected 1)".formatted(Integer.toUnsignedLong(version)));
        }
        int ehsize = file.u16(52);
        if (ehsize != SIZE) {
            throw file.damaged("e_ehsize is %d at offset 52 (expected 64 for ELF64)".formatted(ehsize));
        }
        return new ElfHeader(file.u8(7), file.u8(8), file.u16(16), file.u16(18), version,
                file.u64(24), file.u64(32), file.u64(40), file.u32(48), ehsize,
                file.u16(54), file.u16(56), file.u16(58), file.u16(60), file.u16(62),
                file.copy(0, SIZE));
    }

    private static ElfException notElf(FileBytes file) {
        byte[] start = file.copy(0, Math.min(file.length(), 8));
        String seen = start.length == 0 ? "is empty" : "starts with " + HexFormat.ofDelimiter(" ").formatHex(start);
        return new ElfException(
                "%s is not an ELF file: it %s, an ELF file starts with 7f 45 4c 46".formatted(file.name(), seen),
                FileKindHint.forStart(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfHeader h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ElfHeader[%s, %s, entry=0x%x, phoff=0x%x, phnum=%d, shoff=0x%x, shnum=%d, shstrndx=%d]"
                .formatted(typeName(), machineName(), entry, phoff, phnum, shoff, shnum, shstrndx);
    }
}
