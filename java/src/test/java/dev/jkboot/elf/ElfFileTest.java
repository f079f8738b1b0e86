package dev.jkboot.elf;

import static dev.jkboot.elf.Samples.KERNBASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the well-formed kernel- and module-shaped samples. */
class ElfFileTest {
    private final byte[] kernelBytes = Samples.kernel();
    private final byte[] moduleBytes = Samples.module();

    private ElfFile kernel() throws ElfException {
        return ElfFile.parse("kernel", kernelBytes);
    }

    private ElfFile module() throws ElfException {
        return ElfFile.parse("mymod.ko", moduleBytes);
    }

    @Test
    void sectionsByIndexAndName() throws ElfException {
        ElfFile elf = kernel();
        assertEquals(List.of("", ".text", ".data", ".bss", ".strtab", ".symtab", ".shstrtab"),
                elf.sections().stream().map(SectionHeader::name).toList());
        for (int i = 0; i < elf.sections().size(); i++) {
            assertEquals(i, elf.sections().get(i).index());
        }
        SectionHeader text = elf.section(".text").orElseThrow();
        assertEquals(SectionHeader.SHT_PROGBITS, text.type());
        assertEquals(SectionHeader.SHF_ALLOC | SectionHeader.SHF_EXECINSTR, text.flags());
        assertEquals(Samples.TEXT_SIZE, text.size());
        assertEquals(KERNBASE + text.offset(), text.addr());
        assertTrue(elf.section(".nope").isEmpty());
    }

    @Test
    void sectionBytesAreReadOnlySlicesOfTheFile() throws ElfException {
        ElfFile elf = kernel();
        SectionHeader data = elf.section(".data").orElseThrow();
        ByteBuffer bytes = elf.sectionBytes(data);
        assertTrue(bytes.isReadOnly());
        assertEquals(Samples.DATA_FILE_SIZE, bytes.remaining());
        byte[] got = new byte[bytes.remaining()];
        bytes.get(got);
        assertArrayEquals(Samples.DATA, got);
        assertEquals(0, elf.sectionBytes(elf.section(".bss").orElseThrow()).remaining(), "SHT_NOBITS has no file bytes");
    }

    @Test
    void slicesShareTheCallersArrayInsteadOfCopyingIt() throws ElfException {
        byte[] bytes = Samples.kernel();
        ElfFile elf = ElfFile.parse("kernel", bytes);
        SectionHeader data = elf.section(".data").orElseThrow();
        ByteBuffer view = elf.sectionBytes(data);
        bytes[(int) data.offset()] = 'F';
        assertEquals('F', view.get(0));
    }

    @Test
    void sectionHeaderTableIsVerbatim() throws ElfException {
        ElfFile elf = kernel();
        ByteBuffer table = elf.sectionHeaderTable();
        assertEquals(elf.sections().size() * 64, table.remaining());
        byte[] got = new byte[table.remaining()];
        table.get(got);
        int shoff = (int) elf.header().shoff();
        assertArrayEquals(Arrays.copyOfRange(kernelBytes, shoff, shoff + got.length), got);
    }

    @Test
    void programHeadersOfTheKernel() throws ElfException {
        ElfFile elf = kernel();
        List<ProgramHeader> loads = elf.loadSegments();
        assertEquals(2, loads.size());
        ProgramHeader data = loads.get(1);
        assertEquals(ProgramHeader.PF_R | ProgramHeader.PF_W, data.flags());
        assertEquals(Samples.DATA_FILE_SIZE, data.filesz());
        assertEquals(Samples.DATA_MEM_SIZE, data.memsz());
        assertEquals(0x1000, data.align());
        assertEquals(elf.header().entry(), loads.get(0).vaddr());
        assertEquals("PT_LOAD", data.typeName());
    }

    @Test
    void tellsWhichSectionsTheLoadSegmentsAlreadyCarry() throws ElfException {
        ElfFile elf = kernel();
        assertTrue(elf.isInsideLoadSegment(elf.section(".text").orElseThrow()));
        assertTrue(elf.isInsideLoadSegment(elf.section(".data").orElseThrow()));
        assertFalse(elf.isInsideLoadSegment(elf.section(".bss").orElseThrow()), "SHT_NOBITS has no file bytes");
        assertFalse(elf.isInsideLoadSegment(elf.section(".symtab").orElseThrow()));
        assertFalse(elf.isInsideLoadSegment(elf.section(".strtab").orElseThrow()));
    }

    @Test
    void symbolTableAndItsStrings() throws ElfException {
        ElfFile elf = kernel();
        SymbolTable symtab = elf.symbolTable().orElseThrow();
        assertEquals(".symtab", symtab.section().name());
        assertEquals(".strtab", symtab.strings().name());
        assertEquals(5, symtab.size());
        assertEquals(List.of("", "dup", "btext", "dup", "ext"),
                symtab.symbols().stream().map(ElfSymbol::name).toList());
        ElfSymbol btext = symtab.find("btext").orElseThrow();
        assertEquals(elf.header().entry(), btext.value());
        assertEquals(Samples.TEXT_SIZE, btext.size());
        assertEquals(ElfSymbol.STB_GLOBAL, btext.bind());
        assertEquals(ElfSymbol.STT_FUNC, btext.type());
        assertEquals(elf.section(".text").orElseThrow().index(), btext.shndx());
        assertEquals(btext, symtab.symbol(2));
        assertTrue(elf.dynamicSymbolTable().isEmpty());
    }

    @Test
    void findPrefersTheGlobalDefinitionOverLocalsOfTheSameName() throws ElfException {
        SymbolTable symtab = kernel().symbolTable().orElseThrow();
        ElfSymbol dup = symtab.find("dup").orElseThrow();
        assertEquals(ElfSymbol.STB_GLOBAL, dup.bind());
        assertEquals(symtab.symbol(3), dup);
    }

    @Test
    void findReportsUndefinedReferencesAndMissingNames() throws ElfException {
        SymbolTable symtab = kernel().symbolTable().orElseThrow();
        ElfSymbol ext = symtab.find("ext").orElseThrow();
        assertFalse(ext.isDefined());
        assertTrue(symtab.find("ex").isEmpty(), "a prefix is not a match");
        assertTrue(symtab.find("extra").isEmpty(), "a longer name is not a match");
        assertTrue(symtab.find("").isPresent(), "the null symbol has the empty name");
    }

    @Test
    void readsVirtualAddressesAcrossFileBytesAndBss() throws ElfException {
        ElfFile elf = kernel();
        ProgramHeader data = elf.loadSegments().get(1);
        assertEquals("freebsd", elf.stringAtVaddr(data.vaddr()));
        assertEquals("kernel", elf.stringAtVaddr(data.vaddr() + 8));
        assertEquals("", elf.stringAtVaddr(data.vaddr() + 0x40), "bss reads as zeros");
        ByteBuffer tail = elf.bytesAtVaddr(data.vaddr() + 0x1c, 8);
        assertEquals(List.of((byte) 'n', (byte) 'o', (byte) 'p', (byte) 'q', (byte) 0, (byte) 0, (byte) 0, (byte) 0),
                toList(tail));
        assertEquals(0, elf.bytesAtVaddr(data.vaddr() + Samples.DATA_MEM_SIZE, 0).remaining());
    }

    @Test
    void aStringMayEndInTheBss() throws ElfException {
        ElfFile elf = kernel();
        ProgramHeader data = elf.loadSegments().get(1);
        assertEquals("abcdefghijklmnopq", elf.stringAtVaddr(data.vaddr() + 15));
    }

    @Test
    void refusesAddressesOutsideEveryLoadSegment() throws ElfException {
        ElfFile elf = kernel();
        ProgramHeader text = elf.loadSegments().get(0);
        ElfException e = assertThrows(ElfException.class, () -> elf.bytesAtVaddr(text.vaddr() + 0x3c, 8));
        assertTrue(e.getMessage().contains("no PT_LOAD segment holds the 0x8 bytes at virtual address 0xffff"),
                e.getMessage());
        assertThrows(ElfException.class, () -> elf.stringAtVaddr(KERNBASE));
        assertThrows(ElfException.class, () -> elf.bytesAtVaddr(-1L, 2), "no wrap-around past 2^64");
    }

    @Test
    void moduleDynamicSectionAndRelocations() throws ElfException {
        ElfFile elf = module();
        assertEquals(ElfHeader.ET_DYN, elf.header().type());
        ProgramHeader dynamic = elf.dynamicSegment().orElseThrow();
        assertEquals(elf.section(".dynamic").orElseThrow().offset(), dynamic.offset());
        List<DynamicEntry> entries = elf.dynamicEntries();
        assertEquals(List.of(DynamicEntry.DT_RELA, DynamicEntry.DT_RELASZ, DynamicEntry.DT_RELAENT),
                entries.stream().map(DynamicEntry::tag).toList());
        List<Relocation> relocations = elf.dynamicRelocations();
        assertEquals(List.of(
                new Relocation(Samples.RELATIVE_SLOT, Relocation.R_AARCH64_RELATIVE, 0, 64),
                new Relocation(Samples.ABS64_SLOT, Relocation.R_AARCH64_ABS64, 1, Samples.ABS64_ADDEND)),
                relocations);
        assertEquals(relocations, elf.relocations(elf.section(".rela.dyn").orElseThrow()));
    }

    @Test
    void followsARelocatedPointerInModuleData() throws ElfException {
        ElfFile elf = module();
        Relocation relative = elf.dynamicRelocations().get(0);
        assertEquals(0, elf.bytesAtVaddr(relative.offset(), 8).getLong(), "unrelocated slot holds 0");
        assertEquals(Samples.MODULE_NAME, elf.stringAtVaddr(relative.addend()));
        Relocation abs = elf.dynamicRelocations().get(1);
        ElfSymbol target = elf.dynamicSymbolTable().orElseThrow().symbol(abs.symbol());
        assertEquals("target", target.name());
        assertEquals("d", elf.stringAtVaddr(target.value() + abs.addend()), "\"mymod\" + 4");
    }

    @Test
    void relocationsOfANonRelaSectionAreACallerMistake() throws ElfException {
        ElfFile elf = module();
        assertThrows(IllegalArgumentException.class, () -> elf.relocations(elf.section(".data").orElseThrow()));
    }

    @Test
    void headersFromAnotherFileAreACallerMistake() throws ElfException {
        ElfFile elf = module();
        ProgramHeader huge = new ProgramHeader(ProgramHeader.PT_LOAD, 0, 0, 0, 0, 1L << 40, 1L << 40, 0);
        assertThrows(IllegalArgumentException.class, () -> elf.segmentBytes(huge));
        SectionHeader beyond = new SectionHeader(1, "x", SectionHeader.SHT_PROGBITS, 0, 0, moduleBytes.length, 8,
                0, 0, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> elf.sectionBytes(beyond));
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("kernel");
        Files.write(path, kernelBytes);
        ElfFile elf = ElfFile.read(path);
        assertEquals(path.toString(), elf.name());
        assertEquals(kernel().header(), elf.header());
        assertEquals(kernel().sections(), elf.sections());
    }

    @Test
    void aMissingFileIsAnInputError(@TempDir Path dir) {
        Path path = dir.resolve("no-kernel");
        ElfException e = assertThrows(ElfException.class, () -> ElfFile.read(path));
        assertEquals("cannot read " + path + ": no such file", e.getMessage());
        assertFalse(e.fix().isEmpty());
    }

    @Test
    void aDirectoryIsAnInputError(@TempDir Path dir) {
        ElfException e = assertThrows(ElfException.class, () -> ElfFile.read(dir));
        assertEquals("cannot read " + dir + ": it is a directory, not a file", e.getMessage());
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        RequiredTool.require(Files.exists(zero), "/dev/zero does not exist (no devtmpfs here)");
        ElfException e = assertThrows(ElfException.class, () -> ElfFile.read(zero));
        assertEquals("cannot read /dev/zero: it is a device or other special file, not a file", e.getMessage());
    }

    @Test
    void describesItselfForLogs() throws ElfException {
        assertEquals("ElfFile[mymod.ko, ET_DYN (shared object), AArch64 (arm64), 2 program headers, 7 sections]",
                module().toString());
    }

    private static List<Byte> toList(ByteBuffer b) {
        Byte[] out = new Byte[b.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(b.position() + i);
        }
        return List.of(out);
    }
}
