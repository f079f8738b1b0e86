package dev.jkboot.elf;

import static dev.jkboot.elf.Broken.P_ALIGN;
import static dev.jkboot.elf.Broken.P_FILESZ;
import static dev.jkboot.elf.Broken.P_MEMSZ;
import static dev.jkboot.elf.Broken.P_OFFSET;
import static dev.jkboot.elf.Broken.P_TYPE;
import static dev.jkboot.elf.Broken.P_VADDR;
import static dev.jkboot.elf.Broken.fails;
import static dev.jkboot.elf.Broken.failsReading;
import static dev.jkboot.elf.Broken.parses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One test per check of the program headers, and of reads through them. */
class MalformedSegmentTest {
    private final Broken kernel = Broken.kernel();
    private final int length = kernel.bytes.length;
    private final ProgramHeader text = kernel.valid.programHeaders().get(0);
    private final ProgramHeader data = kernel.valid.programHeaders().get(1);

    @Test
    void loadSegmentPastTheEnd() {
        fails(kernel.with(kernel.phdr(0, P_FILESZ), 8, length),
                "program header 0 (PT_LOAD) file bytes (offset 0x%x, size 0x%x) runs past the end of the file"
                        .formatted(text.offset(), length));
    }

    @Test
    void loadSegmentOffsetThatWouldOverflow() {
        fails(kernel.with(kernel.phdr(1, P_OFFSET), 8, -16L), "program header 1 (PT_LOAD) file bytes (offset 0xfffffffffffffff0");
    }

    @Test
    void everySegmentTypeMustLieInTheFile() {
        Broken module = Broken.module();
        fails(module.with(module.phdr(1, P_OFFSET), 8, module.bytes.length), "program header 1 (PT_DYNAMIC) file bytes",
                "runs past the end");
    }

    @Test
    void fileSizeLargerThanMemorySize() {
        fails(kernel.with(kernel.phdr(1, P_MEMSZ), 8, 0x10),
                "program header 1 (PT_LOAD): p_filesz 0x20 is larger than p_memsz 0x10");
    }

    @Test
    void memoryImageThatWrapsAroundTheAddressSpace() {
        fails(kernel.with(kernel.phdr(1, P_MEMSZ), 8, 1L << 52),
                "program header 1 (PT_LOAD): p_vaddr 0x%x + p_memsz 0x10000000000000 wraps around the end of the address space"
                        .formatted(data.vaddr()));
    }

    @Test
    void memoryImageMayEndExactlyAtTheTopOfTheAddressSpace() throws ElfException {
        ElfFile elf = parses(kernel.with(kernel.phdr(1, P_VADDR), 8, -Samples.DATA_MEM_SIZE));
        assertEquals("freebsd", elf.stringAtVaddr(-Samples.DATA_MEM_SIZE));
        assertEquals(0, elf.bytesAtVaddr(-4, 4).getInt());
    }

    @Test
    void alignmentNotAPowerOfTwo() {
        fails(kernel.with(kernel.phdr(0, P_ALIGN), 8, 0x3000), "program header 0 (PT_LOAD): p_align 0x3000 is not a power of two");
    }

    @Test
    void alignmentZeroOneAndTheTopBitAreFine() {
        assertEquals(0, parses(kernel.with(kernel.phdr(0, P_ALIGN), 8, 0)).programHeaders().get(0).align());
        assertEquals(1, parses(kernel.with(kernel.phdr(0, P_ALIGN), 8, 1)).programHeaders().get(0).align());
        assertEquals(Long.MIN_VALUE, parses(kernel.with(kernel.phdr(0, P_ALIGN), 8, Long.MIN_VALUE))
                .programHeaders().get(0).align());
    }

    @Test
    void overlappingLoadSegments() {
        fails(kernel.with(kernel.phdr(1, P_VADDR), 8, text.vaddr() + 0x20),
                "PT_LOAD program headers 0 [0x%x, +0x40) and 1 [0x%x, +0x100) overlap in virtual memory"
                        .formatted(text.vaddr(), text.vaddr() + 0x20));
    }

    @Test
    void overlapIsFoundWhateverTheOrderOfTheHeaders() {
        fails(kernel.with(kernel.phdr(0, P_VADDR), 8, data.vaddr() + 0xf0),
                "PT_LOAD program headers 1 [0x%x, +0x100) and 0 [0x%x, +0x40) overlap".formatted(data.vaddr(),
                        data.vaddr() + 0xf0));
    }

    @Test
    void overlapIsFoundAtTheTopOfTheAddressSpace() {
        byte[] bytes = kernel.with(kernel.phdr(1, P_VADDR), 8, -Samples.DATA_MEM_SIZE);
        fails(ElfBuilder.with(bytes, kernel.phdr(0, P_VADDR), 8, -0x40 - 0x20), "overlap in virtual memory");
    }

    @Test
    void adjacentLoadSegmentsDoNotOverlap() {
        ElfFile elf = parses(kernel.with(kernel.phdr(1, P_VADDR), 8, text.vaddr() + text.memsz()));
        assertEquals(2, elf.loadSegments().size());
    }

    @Test
    void emptyLoadSegmentsOverlapNothing() {
        byte[] bytes = kernel.with(kernel.phdr(1, P_VADDR), 8, text.vaddr() + 8);
        bytes = ElfBuilder.with(bytes, kernel.phdr(1, P_FILESZ), 8, 0);
        assertEquals(0, parses(ElfBuilder.with(bytes, kernel.phdr(1, P_MEMSZ), 8, 0)).loadSegments().get(1).memsz());
    }

    @Test
    void twoDynamicSegments() {
        Broken module = Broken.module();
        fails(module.with(module.phdr(0, P_TYPE), 4, ProgramHeader.PT_DYNAMIC),
                "program headers 0 and 1 are both PT_DYNAMIC; ELF allows one");
    }

    @Test
    void twoInterpreterSegments() {
        byte[] bytes = kernel.with(kernel.phdr(0, P_TYPE), 4, ProgramHeader.PT_INTERP);
        fails(ElfBuilder.with(bytes, kernel.phdr(1, P_TYPE), 4, ProgramHeader.PT_INTERP),
                "program headers 0 and 1 are both PT_INTERP");
    }

    @Test
    void interpreterPath() throws ElfException {
        assertEquals("freebsd", parses(kernel.with(kernel.phdr(1, P_TYPE), 4, ProgramHeader.PT_INTERP))
                .interpreter().orElseThrow());
    }

    @Test
    void interpreterWithoutNul() {
        failsReading(kernel.with(kernel.phdr(0, P_TYPE), 4, ProgramHeader.PT_INTERP), ElfFile::interpreter,
                "PT_INTERP segment at offset 0x%x (0x40 bytes) holds no NUL-terminated path".formatted(text.offset()));
    }

    @Test
    void stringThatRunsOffTheEndOfItsSegment() {
        failsReading(kernel.bytes, elf -> elf.stringAtVaddr(text.vaddr() + 0x30),
                "the string at virtual address 0x%x runs past the end of its PT_LOAD segment at 0x%x"
                        .formatted(text.vaddr() + 0x30, text.vaddr()));
    }

    @Test
    void readAcrossTwoAdjacentSegments() {
        byte[] bytes = kernel.with(kernel.phdr(1, P_VADDR), 8, text.vaddr() + text.memsz());
        failsReading(bytes, elf -> elf.bytesAtVaddr(text.vaddr() + text.memsz() - 4, 8),
                "no PT_LOAD segment holds the 0x8 bytes at virtual address");
    }
}
