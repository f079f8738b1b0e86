package dev.jkboot.elf;

import static dev.jkboot.elf.Broken.P_FILESZ;
import static dev.jkboot.elf.Broken.P_MEMSZ;
import static dev.jkboot.elf.Broken.SH_ENTSIZE;
import static dev.jkboot.elf.Broken.SH_LINK;
import static dev.jkboot.elf.Broken.SH_SIZE;
import static dev.jkboot.elf.Broken.SH_TYPE;
import static dev.jkboot.elf.Broken.failsReading;
import static dev.jkboot.elf.Broken.parses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One test per check of symbol tables, the dynamic section and relocations, made when they are read. */
class MalformedTablesTest {
    private final Broken kernel = Broken.kernel();
    private final Broken module = Broken.module();
    private final SectionHeader symtab = kernel.valid.section(".symtab").orElseThrow();
    private final SectionHeader dynamic = module.valid.section(".dynamic").orElseThrow();
    private final SectionHeader rela = module.valid.section(".rela.dyn").orElseThrow();

    @Test
    void symbolEntrySize() {
        failsReading(kernel.with(kernel.shdr(".symtab", SH_ENTSIZE), 8, 16), ElfFile::symbolTable,
                "section 5 (.symtab) has sh_entsize 16; ELF64 symbols are 24 bytes");
    }

    @Test
    void symbolTableSizeNotAWholeNumberOfSymbols() {
        failsReading(kernel.with(kernel.shdr(".symtab", SH_SIZE), 8, symtab.size() - 1), ElfFile::symbolTable,
                "section 5 (.symtab) is 0x77 bytes, not a whole number of 24-byte symbols");
    }

    @Test
    void symbolTableLinkedToNoSection() {
        failsReading(kernel.with(kernel.shdr(".symtab", SH_LINK), 4, 0), ElfFile::symbolTable,
                "section 5 (.symtab) links to string table section 0, which does not exist (7 sections)");
    }

    @Test
    void symbolTableLinkedPastTheLastSection() {
        failsReading(kernel.with(kernel.shdr(".symtab", SH_LINK), 4, 0xffffffffL), ElfFile::symbolTable,
                "links to string table section 4294967295, which does not exist");
    }

    @Test
    void symbolTableLinkedToSomethingElse() {
        failsReading(kernel.with(kernel.shdr(".symtab", SH_LINK), 4, 1), ElfFile::symbolTable,
                "section 5 (.symtab) links to section 1 (.text) of type 1, not a string table (SHT_STRTAB)");
    }

    @Test
    void symbolStringsWithoutFinalNul() {
        long size = kernel.valid.section(".strtab").orElseThrow().size();
        failsReading(kernel.with(kernel.shdr(".strtab", SH_SIZE), 8, size - 1), ElfFile::symbolTable,
                "string table section 4 (.strtab) of section 5 (.symtab) does not end with a NUL byte");
    }

    @Test
    void symbolNameOutsideItsStrings() {
        long symbol2Name = symtab.offset() + 2 * ElfSymbol.SIZE;
        failsReading(kernel.with(symbol2Name, 4, 0x1000), ElfFile::symbolTable,
                "symbol 2 of section 5 (.symtab): name offset 0x1000 is outside string table section 4 (.strtab)");
    }

    @Test
    void twoSymbolTables() {
        failsReading(kernel.with(kernel.shdr(1, SH_TYPE), 4, SectionHeader.SHT_SYMTAB), ElfFile::symbolTable,
                "section 1 (.text) and section 5 (.symtab) are both SHT_SYMTAB sections; ELF allows one");
    }

    @Test
    void twoDynamicSymbolTables() {
        byte[] bytes = module.with(module.shdr(".data", SH_TYPE), 4, SectionHeader.SHT_DYNSYM);
        failsReading(bytes, ElfFile::dynamicSymbolTable, "are both SHT_DYNSYM sections");
    }

    @Test
    void symbolIndexOutOfRange() {
        failsReading(kernel.bytes, elf -> elf.symbolTable().orElseThrow().symbol(5),
                "symbol index 5 is outside section 5 (.symtab), which holds 5 symbols");
        failsReading(kernel.bytes, elf -> elf.symbolTable().orElseThrow().symbol(-1), "symbol index -1 is outside");
    }

    @Test
    void dynamicSegmentNotAWholeNumberOfEntries() {
        failsReading(module.with(module.phdr(1, P_FILESZ), 8, dynamic.size() - 8), ElfFile::dynamicEntries,
                "PT_DYNAMIC segment at offset 0x%x is 0x38 bytes, not a whole number of 16-byte entries"
                        .formatted(dynamic.offset()));
    }

    @Test
    void dynamicSegmentWithoutNullEntry() {
        failsReading(module.with(dynamic.offset() + 3 * 16, 8, DynamicEntry.DT_NEEDED), ElfFile::dynamicEntries,
                "PT_DYNAMIC segment at offset 0x%x has no DT_NULL entry to end it".formatted(dynamic.offset()));
    }

    @Test
    void entriesAfterTheNullEntryAreIgnored() throws ElfException {
        ElfFile elf = parses(module.with(dynamic.offset() + 2 * 16, 8, DynamicEntry.DT_NULL));
        assertEquals(2, elf.dynamicEntries().size());
    }

    @Test
    void relocationsWithoutSize() {
        failsReading(module.with(dynamic.offset() + 16, 8, 0x1234), ElfFile::dynamicRelocations,
                "the dynamic section has DT_RELA but no DT_RELASZ giving its size");
    }

    @Test
    void relocationsWithoutEntrySize() {
        failsReading(module.with(dynamic.offset() + 2 * 16, 8, 0x1234), ElfFile::dynamicRelocations,
                "the dynamic section has DT_RELA but no DT_RELAENT giving its entry size");
    }

    @Test
    void relocationEntrySize() {
        failsReading(module.with(dynamic.offset() + 2 * 16 + 8, 8, 16), ElfFile::dynamicRelocations,
                "the dynamic section's DT_RELAENT is 16; ELF64 Rela entries are 24 bytes");
    }

    @Test
    void relocationTableSizeNotAWholeNumberOfEntries() {
        failsReading(module.with(dynamic.offset() + 16 + 8, 8, 40), ElfFile::dynamicRelocations,
                "DT_RELA table at 0x%x is 0x28 bytes, not a whole number of 24-byte Rela entries".formatted(rela.addr()));
    }

    @Test
    void relocationTableOutsideEveryLoadSegment() {
        failsReading(module.with(dynamic.offset() + 8, 8, 0x100000), ElfFile::dynamicRelocations,
                "no PT_LOAD segment holds the 0x30 bytes at virtual address 0x100000");
    }

    @Test
    void relocationTableInTheZeroFilledPart() {
        long fileEnd = module.valid.loadSegments().get(0).filesz();
        failsReading(module.with(dynamic.offset() + 8, 8, fileEnd - 8), ElfFile::dynamicRelocations,
                "DT_RELA table at 0x%x (0x30 bytes) is not all in the file bytes of its PT_LOAD segment at 0x0"
                        .formatted(fileEnd - 8));
    }

    @Test
    void relocationTableOfAHugeSizeIsRefusedBeforeAllocating() {
        failsReading(module.with(dynamic.offset() + 16 + 8, 8, 24L << 40), ElfFile::dynamicRelocations,
                "no PT_LOAD segment holds the 0x180000000000 bytes");
    }

    @Test
    void relocationSectionEntrySize() {
        failsReading(module.with(module.shdr(".rela.dyn", SH_ENTSIZE), 8, 16),
                elf -> elf.relocations(elf.section(".rela.dyn").orElseThrow()),
                "section 4 (.rela.dyn) has sh_entsize 16; ELF64 Rela entries are 24 bytes");
    }

    @Test
    void relocationSectionSizeNotAWholeNumberOfEntries() {
        failsReading(module.with(module.shdr(".rela.dyn", SH_SIZE), 8, 40),
                elf -> elf.relocations(elf.section(".rela.dyn").orElseThrow()),
                "section 4 (.rela.dyn) is 0x28 bytes, not a whole number of 24-byte Rela entries");
    }

    @Test
    void moduleWithoutBssStillReadsPointers() throws ElfException {
        long fileSize = module.valid.loadSegments().get(0).filesz();
        ElfFile elf = parses(module.with(module.phdr(0, P_MEMSZ), 8, fileSize));
        assertEquals(Samples.MODULE_NAME, elf.stringAtVaddr(elf.dynamicRelocations().get(0).addend()));
    }
}
