package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects made by the real aarch64 toolchain (resources/elf/make-fixtures.sh): a kernel linked at
 * KERNBASE and a module whose metadata the loader can only reach through relocations.
 */
class CompiledFixturesTest {
    private static final long KERNBASE = 0xffff000000000000L;

    static Path fixture(String name) {
        try {
            return Path.of(CompiledFixturesTest.class.getResource("/elf/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ElfFile kernel() throws ElfException {
        return ElfFile.read(fixture("kernel-aarch64.elf"));
    }

    static ElfFile module() throws ElfException {
        return ElfFile.read(fixture("module-aarch64.ko"));
    }

    @Test
    void kernelIsAnArm64ExecutableAtKernbase() throws ElfException {
        ElfFile elf = kernel();
        assertEquals(ElfHeader.ET_EXEC, elf.header().type());
        assertEquals(ElfHeader.EM_AARCH64, elf.header().machine());
        ProgramHeader first = elf.loadSegments().get(0);
        assertEquals(KERNBASE, first.vaddr());
        assertEquals(0, first.offset(), "the ELF header is loaded with the text");
        ElfSymbol start = elf.symbolTable().orElseThrow().find("_start").orElseThrow();
        assertEquals(elf.header().entry(), start.value());
        assertEquals(ElfSymbol.STT_FUNC, start.type());
        assertEquals(".text", elf.sections().get(start.shndx()).name());
    }

    @Test
    void kernelSymbolTableIsNotLoadedWithTheImage() throws ElfException {
        ElfFile elf = kernel();
        SymbolTable symtab = elf.symbolTable().orElseThrow();
        assertFalse(elf.isInsideLoadSegment(symtab.section()));
        assertFalse(elf.isInsideLoadSegment(symtab.strings()));
        assertTrue(elf.isInsideLoadSegment(elf.section(".text").orElseThrow()));
        assertTrue(elf.isInsideLoadSegment(elf.section(".data").orElseThrow()));
    }

    @Test
    void kernelDataReadThroughVirtualAddresses() throws ElfException {
        ElfFile elf = kernel();
        SymbolTable symtab = elf.symbolTable().orElseThrow();
        long greeting = elf.bytesAtVaddr(symtab.find("greeting").orElseThrow().value(), 8).getLong();
        assertEquals("hello from a tiny kernel", elf.stringAtVaddr(greeting));
        assertEquals(42, elf.bytesAtVaddr(symtab.find("counter").orElseThrow().value(), 4).getInt());
    }

    @Test
    void kernelBssReadsAsZeros() throws ElfException {
        ElfFile elf = kernel();
        ElfSymbol scratch = elf.symbolTable().orElseThrow().find("scratch").orElseThrow();
        assertEquals(8192, scratch.size());
        assertEquals(SectionHeader.SHT_NOBITS, elf.sections().get(scratch.shndx()).type());
        ByteBuffer bytes = elf.bytesAtVaddr(scratch.value(), 8192);
        for (int i = 0; i < 8192; i++) {
            assertEquals(0, bytes.get(i));
        }
    }

    @Test
    void kernelSectionHeaderTableIsVerbatim() throws ElfException {
        ElfFile elf = kernel();
        ByteBuffer table = elf.sectionHeaderTable();
        assertEquals(elf.header().shnum() * 64, table.remaining());
        SectionHeader text = elf.section(".text").orElseThrow();
        assertEquals(text.addr(), table.getLong(text.index() * 64 + 16));
        assertEquals(0, table.getLong(0), "section 0 is the null section");
    }

    @Test
    void moduleIsAnArm64SharedObjectWithDynamicRelocations() throws ElfException {
        ElfFile elf = module();
        assertEquals(ElfHeader.ET_DYN, elf.header().type());
        assertEquals(elf.section(".dynamic").orElseThrow().offset(), elf.dynamicSegment().orElseThrow().offset());
        assertTrue(elf.dynamicEntries().contains(new DynamicEntry(DynamicEntry.DT_RELAENT, 24)));
        assertEquals(elf.relocations(elf.section(".rela.dyn").orElseThrow()), elf.dynamicRelocations());
        assertTrue(elf.interpreter().isEmpty());
    }

    /** What FreeBSD's loader does with a module: walk set_modmetadata_set and follow its pointers. */
    @Test
    void moduleMetadataFollowedThroughRelocations() throws ElfException {
        ElfFile elf = module();
        SymbolTable dynsym = elf.dynamicSymbolTable().orElseThrow();
        long start = dynsym.find("__start_set_modmetadata_set").orElseThrow().value();
        long stop = dynsym.find("__stop_set_modmetadata_set").orElseThrow().value();
        assertEquals(8, stop - start, "one entry in the linker set");
        List<Relocation> relocations = elf.dynamicRelocations();

        Relocation entry = at(relocations, start);
        assertEquals(Relocation.R_AARCH64_RELATIVE, entry.type());
        long moddata = entry.addend();

        Relocation name = at(relocations, moddata);
        assertEquals(Relocation.R_AARCH64_RELATIVE, name.type());
        assertEquals("mymod", elf.stringAtVaddr(name.addend()));
        assertEquals(3, elf.bytesAtVaddr(moddata + 8, 4).getInt());

        Relocation dependency = at(relocations, moddata + 16);
        assertEquals(Relocation.R_AARCH64_ABS64, dependency.type());
        ElfSymbol symbol = dynsym.symbol(dependency.symbol());
        assertEquals("kernel_thing", symbol.name());
        assertFalse(symbol.isDefined());
    }

    @Test
    void moduleSymbolsInBothTables() throws ElfException {
        ElfFile elf = module();
        ElfSymbol dynamic = elf.dynamicSymbolTable().orElseThrow().find("mymod_load").orElseThrow();
        ElfSymbol full = elf.symbolTable().orElseThrow().find("mymod_load").orElseThrow();
        assertEquals(dynamic, full);
        assertEquals(ElfSymbol.STT_FUNC, full.type());
        assertTrue(elf.isInsideLoadSegment(elf.dynamicSymbolTable().orElseThrow().section()));
    }

    private static Relocation at(List<Relocation> relocations, long offset) {
        return relocations.stream().filter(r -> r.offset() == offset).findFirst()
                .orElseThrow(() -> new AssertionError("no relocation at 0x" + Long.toHexString(offset)));
    }
}
