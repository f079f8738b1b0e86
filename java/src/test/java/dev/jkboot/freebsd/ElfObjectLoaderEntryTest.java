package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.elf.ElfFile;
import dev.jkboot.elf.ElfHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What makes a file a kernel jkboot will enter: arm64, ET_EXEC, an entry point above the first
 * page and inside a PT_LOAD segment, from its first byte to its last. Built here as the smallest
 * ELF64 file with one PT_LOAD, so each rule is met or broken alone.
 */
class ElfObjectLoaderEntryTest {
    private static final long VADDR = 0xffff_0000_0000_0000L;
    private static final long MEMSZ = 0x2000;
    private static final int EM_RISCV = 243;

    /** ELF header, one program header, 8 bytes of code at offset 120. */
    static byte[] elf(int type, int machine, long entry, long vaddr) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 9});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        // PT_LOAD, R+X, offset 120, vaddr = paddr, filesz 8, memsz 0x2000, align 8
        b.putInt(1).putInt(5).putLong(120).putLong(vaddr).putLong(vaddr).putLong(8).putLong(MEMSZ).putLong(8);
        b.putLong(0xd503201fd503201fL); // two NOPs
        return b.array();
    }

    private static ElfObjectLoader.Kernel kernel(long entry) throws Exception {
        return ElfObjectLoader.kernel(ElfFile.parse("kernel", elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, entry, VADDR)));
    }

    private static String refused(byte[] file) throws Exception {
        ElfFile elf = ElfFile.parse("kernel", file);
        return assertThrows(BootSpecException.class, () -> ElfObjectLoader.kernel(elf)).getMessage();
    }

    @Test
    void theEntryMayBeTheFirstOrTheLastByteOfASegment() throws Exception {
        assertEquals(VADDR, kernel(VADDR).entryVa());
        assertEquals(VADDR + MEMSZ - 1, kernel(VADDR + MEMSZ - 1).entryVa());
        assertEquals(VADDR, kernel(VADDR).object().file().address());
    }

    @Test
    void anEntryJustOutsideEverySegmentIsRefused() throws Exception {
        assertEquals("kernel: entry point 0x%x lies in no PT_LOAD".formatted(VADDR + MEMSZ),
                refused(elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, VADDR + MEMSZ, VADDR)));
        assertEquals("kernel: entry point 0x%x lies in no PT_LOAD".formatted(VADDR - 1),
                refused(elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, VADDR - 1, VADDR)));
    }

    @Test
    void anEntryInTheFirstPageIsNoEntryAtAll() throws Exception {
        // A segment at VA 0 holds the entry 0x800, but an entry in the first page means "none".
        assertEquals("kernel has no entry point or nothing to load: not a kernel",
                refused(elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, 0x800, 0)));
        assertEquals("kernel has no entry point or nothing to load: not a kernel",
                refused(elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, 0, 0)));
        assertEquals(0x1000, ElfObjectLoader.kernel(ElfFile.parse("kernel",
                elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, 0x1000, 0))).entryVa());
    }

    @Test
    void onlyArm64KernelsAreKernels() throws Exception {
        assertTrue(refused(elf(ElfHeader.ET_EXEC, ElfHeader.EM_X86_64, VADDR, VADDR))
                .startsWith("kernel is an amd64 kernel; booting amd64 FreeBSD is not supported yet"));
        String riscv = refused(elf(ElfHeader.ET_EXEC, EM_RISCV, VADDR, VADDR));
        assertTrue(riscv.startsWith("kernel is a ") && riscv.endsWith(" kernel, not arm64 (aarch64)"), riscv);
        assertTrue(refused(elf(ElfHeader.ET_DYN, ElfHeader.EM_AARCH64, VADDR, VADDR))
                .endsWith("not a kernel (ET_EXEC)"));
    }

    @Test
    void aModuleMustBeAnArm64SharedObject() throws Exception {
        ElfFile amd64 = ElfFile.parse("m.ko", elf(ElfHeader.ET_DYN, ElfHeader.EM_X86_64, 0, 0));
        assertTrue(assertThrows(BootSpecException.class, () -> ElfObjectLoader.module(amd64, Optional.empty()))
                .getMessage().startsWith("m.ko is an amd64 module"));
        ElfFile exec = ElfFile.parse("m.ko", elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, VADDR, VADDR));
        assertEquals("a kernel goes in --kernel",
                assertThrows(BootSpecException.class, () -> ElfObjectLoader.module(exec, Optional.empty())).fix());
    }

    /** The one-segment kernel with a symbol table (outside the segment) whose sh_link is {@code link}. */
    static byte[] withSymbols(int link) {
        ByteBuffer b = ByteBuffer.allocate(184 + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(elf(ElfHeader.ET_EXEC, ElfHeader.EM_AARCH64, VADDR, VADDR));
        b.putLong(40, 184).putShort(60, (short) 3).putShort(62, (short) 0); // e_shoff, e_shnum, e_shstrndx
        // symbol 1: "a", global function at VADDR
        b.putInt(128 + 24, 1).put(128 + 24 + 4, (byte) 0x12).putShort(128 + 24 + 6, (short) 1).putLong(128 + 24 + 8, VADDR);
        b.put(176, (byte) 0).put(177, (byte) 'a').put(178, (byte) 0);
        int sh = 184 + 64;
        b.putInt(sh + 4, 2).putLong(sh + 24, 128).putLong(sh + 32, 48).putInt(sh + 40, link).putInt(sh + 44, 1)
                .putLong(sh + 48, 8).putLong(sh + 56, 24);
        sh += 64;
        b.putInt(sh + 4, 3).putLong(sh + 24, 176).putLong(sh + 32, 3).putLong(sh + 48, 1);
        return b.array();
    }

    @Test
    void theSymbolTablesStringTableMustBeASectionOfTheFile() throws Exception {
        ElfObjectLoader.Kernel k = ElfObjectLoader.kernel(ElfFile.parse("kernel", withSymbols(2)));
        assertTrue(k.object().symbols().isPresent());
        for (int link : new int[] {3, 1, 0}) {
            Exception e = assertThrows(Exception.class,
                    () -> ElfObjectLoader.kernel(ElfFile.parse("kernel", withSymbols(link))));
            assertTrue(e instanceof BootSpecException || e instanceof dev.jkboot.elf.ElfException,
                    link + ": " + e);
        }
    }
}
