package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * PT_LOAD segments at the edges of what the reader accepts: a segment of a single byte does not
 * "wrap around" the address space, and one at the very top of it does only when it passes 2^64.
 */
class SegmentEdgesTest {
    private static ElfFile oneSegment(long vaddr, long filesz, long memsz) throws ElfException {
        ElfBuilder b = new ElfBuilder(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64);
        long offset = b.append(new byte[] {'x', 0, 0, 0, 0, 0, 0, 0}, 8);
        b.segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R, offset, vaddr, filesz, memsz, 8);
        return ElfFile.parse("one", b.build());
    }

    @Test
    void aSegmentOfOneByteIsAccepted() throws Exception {
        ElfFile elf = oneSegment(0x1000, 1, 1);
        assertEquals(1, elf.loadSegments().get(0).memsz());
        assertEquals(1, elf.bytesAtVaddr(0x1000, 1).remaining());
    }

    @Test
    void aSegmentEndingExactlyAtTheTopOfTheAddressSpaceIsAcceptedAndOnePastIsRefused() throws Exception {
        assertEquals(8, oneSegment(-8L, 8, 8).loadSegments().get(0).memsz());
        ElfException e = assertThrows(ElfException.class, () -> oneSegment(-8L, 8, 9));
        assertEquals(true, e.getMessage().contains("wraps around the end of the address space"), e.getMessage());
    }
}
