package dev.jkboot.elf;

import static dev.jkboot.elf.ElfSymbol.STB_GLOBAL;
import static dev.jkboot.elf.ElfSymbol.STB_LOCAL;
import static dev.jkboot.elf.ElfSymbol.STT_FUNC;
import static dev.jkboot.elf.ElfSymbol.STT_NOTYPE;
import static dev.jkboot.elf.ElfSymbol.STT_OBJECT;
import static dev.jkboot.elf.ProgramHeader.PF_R;
import static dev.jkboot.elf.ProgramHeader.PF_W;
import static dev.jkboot.elf.ProgramHeader.PF_X;
import static dev.jkboot.elf.ProgramHeader.PT_DYNAMIC;
import static dev.jkboot.elf.ProgramHeader.PT_LOAD;
import static dev.jkboot.elf.SectionHeader.SHF_ALLOC;
import static dev.jkboot.elf.SectionHeader.SHF_EXECINSTR;
import static dev.jkboot.elf.SectionHeader.SHF_WRITE;

import dev.jkboot.elf.ElfBuilder.Sym;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Valid ELF files made with {@link ElfBuilder}, shaped like a FreeBSD arm64 kernel and module. */
final class Samples {
    static final long KERNBASE = 0xffff000000000000L;

    /** Text segment: 0x40 bytes 0x10, 0x11, ...; data segment: 0x20 file bytes then 0xe0 of bss. */
    static final int TEXT_SIZE = 0x40;
    static final int DATA_FILE_SIZE = 0x20;
    static final int DATA_MEM_SIZE = 0x100;
    static final byte[] DATA = "freebsd\0kernel\0abcdefghijklmnopq".getBytes(StandardCharsets.US_ASCII);

    static final String MODULE_NAME = "mymod";
    /** In the module: where the R_AARCH64_RELATIVE and R_AARCH64_ABS64 pointers sit. */
    static final long RELATIVE_SLOT = 0x80;
    static final long ABS64_SLOT = 0x88;
    static final long ABS64_ADDEND = 4;

    private Samples() {}

    /** An ET_EXEC with two PT_LOADs at KERNBASE and a .symtab outside them. */
    static byte[] kernel() {
        ElfBuilder b = new ElfBuilder(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64);
        byte[] text = new byte[TEXT_SIZE];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (0x10 + i);
        }
        long textOffset = b.append(text, 16);
        long dataOffset = b.append(DATA, 16);
        long textVa = KERNBASE + textOffset;
        long dataVa = KERNBASE + 0x1000 + dataOffset;
        b.entry(textVa);
        b.segment(PT_LOAD, PF_R | PF_X, textOffset, textVa, TEXT_SIZE, TEXT_SIZE, 0x1000);
        b.segment(PT_LOAD, PF_R | PF_W, dataOffset, dataVa, DATA_FILE_SIZE, DATA_MEM_SIZE, 0x1000);
        int textIndex = b.section(".text", SectionHeader.SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, textVa,
                textOffset, TEXT_SIZE, 0, 0, 16, 0);
        int dataIndex = b.section(".data", SectionHeader.SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, dataVa,
                dataOffset, DATA_FILE_SIZE, 0, 0, 16, 0);
        b.section(".bss", SectionHeader.SHT_NOBITS, SHF_ALLOC | SHF_WRITE, dataVa + DATA_FILE_SIZE,
                dataOffset + DATA_FILE_SIZE, DATA_MEM_SIZE - DATA_FILE_SIZE, 0, 0, 16, 0);
        b.symbols(".symtab", ".strtab", SectionHeader.SHT_SYMTAB, List.of(
                new Sym("dup", STB_LOCAL << 4 | STT_OBJECT, dataIndex, dataVa, 4),
                new Sym("btext", STB_GLOBAL << 4 | STT_FUNC, textIndex, textVa, TEXT_SIZE),
                new Sym("dup", STB_GLOBAL << 4 | STT_OBJECT, dataIndex, dataVa + 8, 4),
                new Sym("ext", STB_GLOBAL << 4 | STT_NOTYPE, SectionHeader.SHN_UNDEF, 0, 0)));
        return b.build();
    }

    /**
     * An ET_DYN loaded at 0 with one PT_LOAD (file offset = vaddr), a .dynsym, and a .data holding
     * a pointer to the module name (R_AARCH64_RELATIVE) and one to symbol 1 + 4 (R_AARCH64_ABS64).
     */
    static byte[] module() {
        ElfBuilder b = new ElfBuilder(ElfHeader.ET_DYN, ElfHeader.EM_AARCH64);
        long nameAt = b.append((MODULE_NAME + "\0").getBytes(StandardCharsets.US_ASCII), 16);
        long slots = b.append(new byte[16], 0x80);
        if (slots != RELATIVE_SLOT) {
            throw new IllegalStateException("module layout changed: slots at 0x" + Long.toHexString(slots));
        }
        int data = b.section(".data", SectionHeader.SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, nameAt, nameAt,
                slots + 16 - nameAt, 0, 0, 16, 0);
        int dynsym = b.symbols(".dynsym", ".dynstr", SectionHeader.SHT_DYNSYM, List.of(
                new Sym("target", STB_GLOBAL << 4 | STT_OBJECT, data, nameAt, 6)));
        byte[] relas = concat(
                ElfBuilder.rela(RELATIVE_SLOT, Relocation.R_AARCH64_RELATIVE, 0, nameAt),
                ElfBuilder.rela(ABS64_SLOT, Relocation.R_AARCH64_ABS64, 1, ABS64_ADDEND));
        long relaAt = b.append(relas, 8);
        b.section(".rela.dyn", SectionHeader.SHT_RELA, SHF_ALLOC, relaAt, relaAt, relas.length, dynsym, 0, 8,
                Relocation.SIZE);
        byte[] dynamic = ElfBuilder.dynamic(
                DynamicEntry.DT_RELA, relaAt, DynamicEntry.DT_RELASZ, relas.length,
                DynamicEntry.DT_RELAENT, Relocation.SIZE, DynamicEntry.DT_NULL, 0);
        long dynamicAt = b.append(dynamic, 8);
        b.section(".dynamic", SectionHeader.SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, dynamicAt, dynamicAt,
                dynamic.length, 0, 0, 8, DynamicEntry.SIZE);
        long end = b.contentEnd();
        b.segment(PT_LOAD, PF_R | PF_W | PF_X, 0, 0, end, end + 0x100, 0x1000);
        b.segment(PT_DYNAMIC, PF_R | PF_W, dynamicAt, dynamicAt, dynamic.length, dynamic.length, 8);
        return b.build();
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
