package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;

/**
 * A valid sample and the means to break it one field at a time, then check that the reader
 * refuses it with a message naming the file and the problem, and a fix.
 */
final class Broken {
    static final String NAME = "/boot/kernel/kernel";

    // Field offsets inside Elf64_Ehdr, Elf64_Phdr, Elf64_Shdr and Elf64_Sym.
    static final int E_PHOFF = 32;
    static final int E_SHOFF = 40;
    static final int E_PHENTSIZE = 54;
    static final int E_PHNUM = 56;
    static final int E_SHENTSIZE = 58;
    static final int E_SHNUM = 60;
    static final int E_SHSTRNDX = 62;
    static final int P_TYPE = 0;
    static final int P_OFFSET = 8;
    static final int P_VADDR = 16;
    static final int P_FILESZ = 32;
    static final int P_MEMSZ = 40;
    static final int P_ALIGN = 48;
    static final int SH_NAME = 0;
    static final int SH_TYPE = 4;
    static final int SH_OFFSET = 24;
    static final int SH_SIZE = 32;
    static final int SH_LINK = 40;
    static final int SH_INFO = 44;
    static final int SH_ENTSIZE = 56;

    /** Something that reads part of a parsed file. */
    interface Read {
        void from(ElfFile elf) throws ElfException;
    }

    final byte[] bytes;
    final ElfFile valid;

    private Broken(byte[] bytes) {
        this.bytes = bytes;
        try {
            this.valid = ElfFile.parse(NAME, bytes);
        } catch (ElfException e) {
            throw new AssertionError("the sample itself does not parse", e);
        }
    }

    static Broken kernel() {
        return new Broken(Samples.kernel());
    }

    static Broken module() {
        return new Broken(Samples.module());
    }

    /** The sample with the {@code width}-byte field at {@code offset} set to {@code value}. */
    byte[] with(long offset, int width, long value) {
        return ElfBuilder.with(bytes, offset, width, value);
    }

    long phdr(int index, int field) {
        return valid.header().phoff() + 56L * index + field;
    }

    long shdr(int index, int field) {
        return valid.header().shoff() + 64L * index + field;
    }

    long shdr(String name, int field) {
        return shdr(valid.section(name).orElseThrow().index(), field);
    }

    /** Parsing {@code bytes} fails with a message containing every fragment. */
    static ElfException fails(byte[] bytes, String... fragments) {
        return check(assertThrows(ElfException.class, () -> ElfFile.parse(NAME, bytes)), fragments);
    }

    /** {@code bytes} parse, but reading them with {@code read} fails with every fragment. */
    static ElfException failsReading(byte[] bytes, Read read, String... fragments) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(NAME, bytes);
        } catch (ElfException e) {
            throw new AssertionError("expected the headers to parse", e);
        }
        return check(assertThrows(ElfException.class, () -> read.from(elf)), fragments);
    }

    static ElfFile parses(byte[] bytes) {
        try {
            return ElfFile.parse(NAME, bytes);
        } catch (ElfException e) {
            throw new AssertionError("expected it to parse", e);
        }
    }

    private static ElfException check(ElfException e, String... fragments) {
        assertTrue(e.getMessage().startsWith(NAME), () -> "message does not name the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    () -> "expected \"" + fragment + "\" in: " + e.getMessage());
        }
        assertFalse(e.fix().isBlank(), "every refusal says what to do");
        assertEquals(ExitStatus.INPUT, e.exitStatus());
        return e;
    }
}
