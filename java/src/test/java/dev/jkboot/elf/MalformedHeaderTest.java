package dev.jkboot.elf;

import static dev.jkboot.elf.Broken.E_PHENTSIZE;
import static dev.jkboot.elf.Broken.E_PHNUM;
import static dev.jkboot.elf.Broken.E_PHOFF;
import static dev.jkboot.elf.Broken.E_SHENTSIZE;
import static dev.jkboot.elf.Broken.E_SHNUM;
import static dev.jkboot.elf.Broken.E_SHOFF;
import static dev.jkboot.elf.Broken.E_SHSTRNDX;
import static dev.jkboot.elf.Broken.NAME;
import static dev.jkboot.elf.Broken.SH_INFO;
import static dev.jkboot.elf.Broken.SH_LINK;
import static dev.jkboot.elf.Broken.SH_NAME;
import static dev.jkboot.elf.Broken.SH_OFFSET;
import static dev.jkboot.elf.Broken.SH_SIZE;
import static dev.jkboot.elf.Broken.SH_TYPE;
import static dev.jkboot.elf.Broken.fails;
import static dev.jkboot.elf.Broken.parses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One test per check of the ELF header and the two header tables. */
class MalformedHeaderTest {
    private final Broken kernel = Broken.kernel();
    private final int length = kernel.bytes.length;
    private final int sectionCount = kernel.valid.sections().size();

    @Test
    void emptyFile() {
        ElfException e = fails(new byte[0], "is not an ELF file: it is empty");
        assertTrue(e.fix().contains("FreeBSD arm64 kernel"), e.fix());
    }

    @Test
    void notElfAtAll() {
        ElfException e = fails("hello, world".getBytes(StandardCharsets.US_ASCII),
                NAME + " is not an ELF file: it starts with 68 65 6c 6c 6f 2c 20 77, an ELF file starts with 7f 45 4c 46");
        assertTrue(e.fix().contains("/boot/kernel/kernel"), e.fix());
    }

    @Test
    void gzipCompressedKernel() {
        assertTrue(fails(new byte[] {0x1f, (byte) 0x8b, 8, 0}, "starts with 1f 8b 08 00").fix().contains("gunzip"));
    }

    @Test
    void xzCompressedKernel() {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4};
        assertTrue(fails(xz, "not an ELF file").fix().contains("xz -d"));
    }

    @Test
    void zstdCompressedKernel() {
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0};
        assertTrue(fails(zstd, "not an ELF file").fix().contains("zstd -d"));
    }

    @Test
    void linuxArm64Image() {
        byte[] image = new byte[64];
        image[0] = 'M';
        image[1] = 'Z';
        image[56] = 'A';
        image[57] = 'R';
        image[58] = 'M';
        image[59] = 0x64;
        assertTrue(fails(image, "starts with 4d 5a").fix().contains("Linux arm64 kernel Image"));
    }

    @Test
    void peExecutable() {
        byte[] pe = Arrays.copyOf("MZ".getBytes(StandardCharsets.US_ASCII), 200);
        assertTrue(fails(pe, "not an ELF file").fix().contains("PE/EFI executable"));
    }

    @Test
    void truncatedHeader() {
        fails(Arrays.copyOf(kernel.bytes, 40), "only 40 bytes long; an ELF64 header alone needs 64 bytes");
    }

    @Test
    void thirtyTwoBit() {
        ElfException e = fails(kernel.with(4, 1, 1));
        assertEquals(NAME + " is a 32-bit ELF; jkboot boots 64-bit FreeBSD kernels", e.getMessage());
        assertTrue(e.fix().contains("arm64"));
    }

    @Test
    void unknownClass() {
        fails(kernel.with(4, 1, 3), "unknown ELF class 3 at offset 4 (expected 2, ELFCLASS64)");
    }

    @Test
    void bigEndian() {
        fails(kernel.with(5, 1, 2), "is a big-endian ELF; jkboot boots little-endian FreeBSD kernels");
    }

    @Test
    void unknownDataEncoding() {
        fails(kernel.with(5, 1, 0), "unknown ELF data encoding 0 at offset 5");
    }

    @Test
    void identVersion() {
        fails(kernel.with(6, 1, 0), "EI_VERSION is 0 at offset 6 (expected 1)");
    }

    @Test
    void headerVersion() {
        fails(kernel.with(20, 4, 0xffffffffL), "e_version is 4294967295 at offset 20 (expected 1)");
    }

    @Test
    void headerSize() {
        fails(kernel.with(52, 2, 52), "e_ehsize is 52 at offset 52 (expected 64 for ELF64)");
    }

    @Test
    void programHeaderEntrySize() {
        fails(kernel.with(E_PHENTSIZE, 2, 32), "e_phentsize is 32 at offset 54 (expected 56 for ELF64)");
    }

    @Test
    void programHeaderEntrySizeIsIrrelevantWithoutProgramHeaders() {
        byte[] bytes = ElfBuilder.with(kernel.with(E_PHNUM, 2, 0), E_PHENTSIZE, 2, 0);
        assertTrue(parses(bytes).programHeaders().isEmpty());
    }

    @Test
    void sectionHeaderEntrySize() {
        fails(kernel.with(E_SHENTSIZE, 2, 40), "e_shentsize is 40 at offset 58 (expected 64 for ELF64)");
    }

    @Test
    void programHeaderTablePastTheEnd() {
        fails(kernel.with(E_PHOFF, 8, length - 56),
                "the program header table (2 entries of 56 bytes) (offset 0x%x, size 0x70) runs past the end of the file (0x%x bytes)"
                        .formatted(length - 56, length));
    }

    @Test
    void programHeaderOffsetThatWouldOverflow() {
        fails(kernel.with(E_PHOFF, 8, 0xffffffffffffffc0L), "(offset 0xffffffffffffffc0, size 0x70) runs past the end");
    }

    @Test
    void programHeaderCountPastTheEnd() {
        fails(kernel.with(E_PHNUM, 2, 0xfffe), "the program header table (65534 entries of 56 bytes)", "runs past the end");
    }

    @Test
    void programHeaderTableInsideTheElfHeader() {
        fails(kernel.with(E_PHOFF, 8, 0), "e_phoff 0x0 puts the program header table inside the ELF header");
    }

    @Test
    void sectionHeaderTablePastTheEnd() {
        fails(kernel.with(E_SHOFF, 8, length - 32), "section header 0 (at e_shoff) (offset 0x%x, size 0x40) runs past the end"
                .formatted(length - 32));
    }

    @Test
    void sectionHeaderOffsetThatWouldOverflow() {
        fails(kernel.with(E_SHOFF, 8, -64), "section header 0 (at e_shoff) (offset 0xffffffffffffffc0, size 0x40) runs past");
    }

    @Test
    void sectionHeaderCountThatCannotFit() {
        fails(kernel.with(E_SHNUM, 2, 0xfeff), "the section header table (65279 entries of 64 bytes at offset 0x",
                "cannot fit in the file");
    }

    @Test
    void sectionHeaderCountPastTheEnd() {
        fails(kernel.with(E_SHNUM, 2, sectionCount + 1),
                "the section header table (%d entries of 64 bytes)".formatted(sectionCount + 1), "runs past the end");
    }

    @Test
    void sectionCountWithoutTable() {
        fails(kernel.with(E_SHOFF, 8, 0), "e_shnum is %d but e_shoff is 0".formatted(sectionCount));
    }

    @Test
    void noSectionHeadersAtAll() {
        byte[] bytes = ElfBuilder.with(ElfBuilder.with(kernel.with(E_SHOFF, 8, 0), E_SHNUM, 2, 0), E_SHSTRNDX, 2, 0);
        ElfFile elf = parses(bytes);
        assertTrue(elf.sections().isEmpty());
        assertEquals(2, elf.programHeaders().size());
    }

    @Test
    void sectionHeaderTableInsideTheElfHeader() {
        fails(kernel.with(E_SHOFF, 8, 8), "e_shoff 0x8 puts the section header table inside the ELF header");
    }

    @Test
    void sectionNameTableIndexTooLarge() {
        fails(kernel.with(E_SHSTRNDX, 2, sectionCount),
                "e_shstrndx names section %d for the section names, but there are only %d sections"
                        .formatted(sectionCount, sectionCount));
    }

    @Test
    void sectionNameTableIndexReserved() {
        fails(kernel.with(E_SHSTRNDX, 2, 0xff00), "e_shstrndx is 0xff00, a reserved section index");
    }

    @Test
    void sectionNameTableNotAStringTable() {
        fails(kernel.with(E_SHSTRNDX, 2, 1), "e_shstrndx names section 1, of type 1, which is not a string table");
    }

    @Test
    void sectionNameTablePastTheEnd() {
        fails(kernel.with(kernel.shdr(".shstrtab", SH_SIZE), 8, length),
                "the section name string table (section %d)".formatted(sectionCount - 1), "runs past the end");
    }

    @Test
    void sectionNameOutsideTheNameTable() {
        fails(kernel.with(kernel.shdr(1, SH_NAME), 4, 0xffff), "section 1: name offset 0xffff is outside its string table");
    }

    @Test
    void sectionNameWithoutNul() {
        long size = kernel.valid.section(".shstrtab").orElseThrow().size();
        fails(kernel.with(kernel.shdr(".shstrtab", SH_SIZE), 8, size - 1), "section %d: the name at string table offset"
                .formatted(sectionCount - 1), "has no terminating NUL");
    }

    @Test
    void unnamedSectionsWhenThereIsNoNameTable() {
        ElfFile elf = parses(kernel.with(E_SHSTRNDX, 2, 0));
        assertTrue(elf.sections().stream().allMatch(s -> s.name().isEmpty()));
        assertTrue(elf.section(".text").isEmpty());
    }

    @Test
    void sectionBytesPastTheEnd() {
        fails(kernel.with(kernel.shdr(1, SH_OFFSET), 8, length - 8), "section 1 (.text) (offset 0x%x, size 0x40) runs past the end"
                .formatted(length - 8));
    }

    @Test
    void sectionSizeThatWouldOverflow() {
        fails(kernel.with(kernel.shdr(2, SH_SIZE), 8, -8L), "section 2 (.data)", "size 0xfffffffffffffff8) runs past the end");
    }

    @Test
    void noBitsSectionsHaveNoFileRangeToCheck() {
        byte[] bytes = kernel.with(kernel.shdr(".bss", SH_OFFSET), 8, -1L);
        ElfFile elf = parses(ElfBuilder.with(bytes, kernel.shdr(".bss", SH_SIZE), 8, -1L));
        assertEquals(-1L, elf.section(".bss").orElseThrow().size());
    }

    @Test
    void extendedNumberingIsResolvedFromSectionZero() {
        byte[] bytes = kernel.with(E_SHNUM, 2, 0);
        bytes = ElfBuilder.with(bytes, kernel.shdr(0, SH_SIZE), 8, sectionCount);
        bytes = ElfBuilder.with(bytes, E_SHSTRNDX, 2, 0xffff);
        bytes = ElfBuilder.with(bytes, kernel.shdr(0, SH_LINK), 4, sectionCount - 1);
        bytes = ElfBuilder.with(bytes, E_PHNUM, 2, 0xffff);
        bytes = ElfBuilder.with(bytes, kernel.shdr(0, SH_INFO), 4, 2);
        ElfFile elf = parses(bytes);
        assertEquals(kernel.valid.programHeaders(), elf.programHeaders());
        assertEquals(kernel.valid.sections().subList(1, sectionCount), elf.sections().subList(1, sectionCount));
        assertEquals(sectionCount, elf.sections().get(0).size());
        assertEquals(ElfHeader.PN_XNUM, elf.header().phnum(), "the header record keeps the raw field");
    }

    @Test
    void extendedSectionCountOfZero() {
        fails(kernel.with(E_SHNUM, 2, 0), "e_shnum and section 0's sh_size (the extended count) are both 0");
    }

    @Test
    void extendedSectionCountThatCannotFit() {
        byte[] bytes = ElfBuilder.with(kernel.with(E_SHNUM, 2, 0), kernel.shdr(0, SH_SIZE), 8, 1L << 60);
        fails(bytes, "the section header table (1152921504606846976 entries of 64 bytes", "cannot fit in the file");
    }

    @Test
    void extendedProgramHeaderCountWithoutSections() {
        byte[] bytes = ElfBuilder.with(ElfBuilder.with(kernel.with(E_SHOFF, 8, 0), E_SHNUM, 2, 0), E_SHSTRNDX, 2, 0);
        fails(ElfBuilder.with(bytes, E_PHNUM, 2, 0xffff), "e_phnum is PN_XNUM (0xffff)", "the file has no section headers");
    }

    @Test
    void extendedProgramHeaderCountPastTheEnd() {
        byte[] bytes = ElfBuilder.with(kernel.with(E_PHNUM, 2, 0xffff), kernel.shdr(0, SH_INFO), 4, 0xffffffffL);
        fails(bytes, "the program header table (4294967295 entries of 56 bytes)", "runs past the end");
    }

    @Test
    void extendedNameTableIndexWithoutSections() {
        byte[] bytes = ElfBuilder.with(kernel.with(E_SHOFF, 8, 0), E_SHNUM, 2, 0);
        fails(ElfBuilder.with(bytes, E_SHSTRNDX, 2, 0xffff), "e_shstrndx is SHN_XINDEX (0xffff)");
    }

    @Test
    void extendedNameTableIndexOutOfRange() {
        byte[] bytes = ElfBuilder.with(kernel.with(E_SHSTRNDX, 2, 0xffff), kernel.shdr(0, SH_LINK), 4, 99);
        fails(bytes, "e_shstrndx names section 99 for the section names");
    }

    @Test
    void unknownSectionTypesAreKept() {
        ElfFile elf = parses(kernel.with(kernel.shdr(1, SH_TYPE), 4, 0x70000001));
        assertEquals(0x70000001, elf.sections().get(1).type());
    }
}
