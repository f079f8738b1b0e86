package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A complete 128-byte arm64 executable spelled out byte by byte, and what the reader makes of it. */
class GoldenElfTest {
    private static final byte[] FILE = HexFormat.of().parseHex((""
            // Elf64_Ehdr: magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_FREEBSD (9), padding
            + "7f454c46 02010109 00000000 00000000"
            // e_type ET_EXEC, e_machine 183, e_version 1, e_entry 0xffff000000000078
            + "0200 b700 01000000 7800000000 00ffff"
            // e_phoff 0x40, e_shoff 0
            + "4000000000000000 0000000000000000"
            // e_flags 0, e_ehsize 64, e_phentsize 56, e_phnum 1, e_shentsize 64, e_shnum 0, e_shstrndx 0
            + "00000000 4000 3800 0100 4000 0000 0000"
            // Elf64_Phdr: PT_LOAD, PF_R|PF_X, p_offset 0, p_vaddr 0xffff000000000000, p_paddr 0
            + "01000000 05000000 0000000000000000 000000000000ffff 0000000000000000"
            // p_filesz 0x80, p_memsz 0x1000, p_align 0x10000
            + "8000000000000000 0010000000000000 0000010000000000"
            // code at 0x78: b . ; nop
            + "00000014 1f2003d5").replace(" ", ""));

    private static final long ENTRY = 0xffff000000000078L;

    @Test
    void headerFieldsAndVerbatimBytes() throws ElfException {
        ElfHeader h = ElfFile.parse("golden", FILE).header();
        assertEquals(9, h.osAbi());
        assertEquals(0, h.abiVersion());
        assertEquals(ElfHeader.ET_EXEC, h.type());
        assertEquals("ET_EXEC (executable)", h.typeName());
        assertEquals(ElfHeader.EM_AARCH64, h.machine());
        assertEquals("AArch64 (arm64)", h.machineName());
        assertEquals(1, h.version());
        assertEquals(ENTRY, h.entry());
        assertEquals(0x40, h.phoff());
        assertEquals(0, h.shoff());
        assertEquals(0, h.flags());
        assertEquals(64, h.ehsize());
        assertEquals(56, h.phentsize());
        assertEquals(1, h.phnum());
        assertEquals(64, h.shentsize());
        assertEquals(0, h.shnum());
        assertEquals(0, h.shstrndx());
        assertArrayEquals(Arrays.copyOf(FILE, 64), h.bytes());
    }

    @Test
    void headerBytesCannotBeChangedThroughTheRecord() throws ElfException {
        ElfHeader h = ElfFile.parse("golden", FILE).header();
        h.bytes()[0] = 0;
        assertEquals(0x7f, h.bytes()[0]);
    }

    @Test
    void theOneLoadSegment() throws ElfException {
        ElfFile elf = ElfFile.parse("golden", FILE);
        assertEquals(List.of(new ProgramHeader(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_X,
                0, 0xffff000000000000L, 0, 0x80, 0x1000, 0x10000)), elf.programHeaders());
        assertEquals(elf.programHeaders(), elf.loadSegments());
        ByteBuffer bytes = elf.segmentBytes(elf.programHeaders().get(0));
        assertEquals(0x80, bytes.remaining());
        assertTrue(bytes.isReadOnly());
        assertEquals(0x464c457f, bytes.getInt(0), "little-endian view of the magic");
    }

    @Test
    void noSectionsMeansEmptyTablesNotErrors() throws ElfException {
        ElfFile elf = ElfFile.parse("golden", FILE);
        assertTrue(elf.sections().isEmpty());
        assertEquals(0, elf.sectionHeaderTable().remaining());
        assertTrue(elf.symbolTable().isEmpty());
        assertTrue(elf.dynamicSymbolTable().isEmpty());
        assertTrue(elf.dynamicEntries().isEmpty());
        assertTrue(elf.dynamicRelocations().isEmpty());
        assertTrue(elf.interpreter().isEmpty());
        assertFalse(elf.section(".text").isPresent());
    }

    @Test
    void readsCodeThroughTheEntryAddress() throws ElfException {
        ElfFile elf = ElfFile.parse("golden", FILE);
        assertEquals("000000141f2003d5", HexFormat.of().formatHex(bytes(elf.bytesAtVaddr(ENTRY, 8))));
    }

    @Test
    void readsZerosPastTheFileBytes() throws ElfException {
        ElfFile elf = ElfFile.parse("golden", FILE);
        assertEquals("1f2003d500000000", HexFormat.of().formatHex(bytes(elf.bytesAtVaddr(ENTRY + 4, 8))));
        assertEquals("00000000", HexFormat.of().formatHex(bytes(elf.bytesAtVaddr(0xffff000000000ffcL, 4))));
    }

    @Test
    void refusesReadsPastTheSegmentEnd() throws ElfException {
        ElfFile elf = ElfFile.parse("golden", FILE);
        ElfException e = assertThrows(ElfException.class, () -> elf.bytesAtVaddr(0xffff000000000ffdL, 4));
        assertEquals("golden: no PT_LOAD segment holds the 0x4 bytes at virtual address 0xffff000000000ffd",
                e.getMessage());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
