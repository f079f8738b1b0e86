package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged variants of valid files (fields set to extreme values, bits flipped,
 * truncations), seeded and so reproducible: each must parse or fail with an ElfException, and so
 * must every read of what parsed. Any other throwable, out-of-memory included, fails the test
 * with the round and the mutations that caused it.
 */
class ElfFuzzTest {
    private static final long SEED = 0x6a6b626f6f74L;
    private static final int ROUNDS = 10_000;

    /** A field of a seed file worth damaging: {@code width} bytes at {@code offset}. */
    private record Field(int offset, int width) {}

    private record Seed(String name, byte[] bytes, List<Field> fields) {}

    /** One read of a parsed file; an ElfException from it is a fine answer. */
    private interface Read {
        void run() throws ElfException;
    }

    @Test
    void damagedFilesParseOrFailWithElfExceptionOnly() throws Exception {
        List<Seed> seeds = List.of(
                seed("kernel sample", Samples.kernel()),
                seed("module sample", Samples.module()),
                seed("kernel fixture", Files.readAllBytes(CompiledFixturesTest.fixture("kernel-aarch64.elf"))),
                seed("module fixture", Files.readAllBytes(CompiledFixturesTest.fixture("module-aarch64.ko"))));
        Random random = new Random(SEED);
        int parsed = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Seed seed = seeds.get(round % seeds.size());
            StringBuilder how = new StringBuilder(seed.name());
            byte[] bytes = mutate(seed, random, how);
            try {
                readEverything(ElfFile.parse("fuzz", bytes));
                parsed++;
            } catch (ElfException e) {
                refused++;
            } catch (Throwable t) {
                fail("round %d of seed 0x%x: %s threw %s".formatted(round, SEED, how, t), t);
            }
        }
        assertTrue(parsed > ROUNDS / 20 && refused > ROUNDS / 20,
                "the mutations should both pass and fail the checks: " + parsed + " parsed, " + refused + " refused");
    }

    private static byte[] mutate(Seed seed, Random random, StringBuilder how) {
        byte[] bytes = seed.bytes().clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                Field field = seed.fields().get(random.nextInt(seed.fields().size()));
                long value = extreme(random, bytes.length);
                how.append(", field@0x").append(Integer.toHexString(field.offset())).append('/').append(field.width())
                        .append("=0x").append(Long.toHexString(value));
                if (field.offset() + field.width() <= bytes.length) {
                    bytes = ElfBuilder.with(bytes, field.offset(), field.width(), value);
                }
            } else if (kind < 8) {
                int at = random.nextInt(Math.min(bytes.length, random.nextBoolean() ? 256 : bytes.length));
                int bit = random.nextInt(8);
                how.append(", flip@0x").append(Integer.toHexString(at)).append(" bit ").append(bit);
                bytes[at] ^= (byte) (1 << bit);
            } else if (kind < 9) {
                int at = random.nextInt(bytes.length);
                byte value = (byte) random.nextInt(256);
                how.append(", byte@0x").append(Integer.toHexString(at)).append("=0x").append(Integer.toHexString(value & 0xff));
                bytes[at] = value;
            } else {
                int length = random.nextInt(bytes.length + 1);
                how.append(", truncate to 0x").append(Integer.toHexString(length));
                bytes = Arrays.copyOf(bytes, length);
            }
        }
        return bytes;
    }

    private static long extreme(Random random, int length) {
        long[] values = {0, 1, 2, 3, 8, 16, 24, 56, 64, 0xff, 0xff00, 0xfff1, 0xffff, 0x7fffffffL, 0x80000000L,
            0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, -1, -8, -64, length, length - 1, length + 1, length - 8,
            length / 2, 0xffff000000000000L, random.nextLong(), random.nextInt(length + 1)};
        return values[random.nextInt(values.length)];
    }

    /** Every read a loader could make; an ElfException from any one of them is a fine answer. */
    private static void readEverything(ElfFile elf) {
        elf.header().bytes();
        elf.header().machineName();
        elf.toString();
        elf.sectionHeaderTable();
        for (SectionHeader section : elf.sections()) {
            elf.sectionBytes(section);
            elf.isInsideLoadSegment(section);
            if (section.type() == SectionHeader.SHT_RELA) {
                attempt(() -> elf.relocations(section));
            }
        }
        for (ProgramHeader segment : elf.programHeaders()) {
            elf.segmentBytes(segment);
        }
        attempt(() -> elf.symbolTable().ifPresent(ElfFuzzTest::readSymbols));
        attempt(() -> elf.dynamicSymbolTable().ifPresent(ElfFuzzTest::readSymbols));
        attempt(elf::dynamicEntries);
        attempt(elf::interpreter);
        attempt(() -> {
            for (Relocation r : elf.dynamicRelocations().subList(0, Math.min(16, elf.dynamicRelocations().size()))) {
                attempt(() -> elf.bytesAtVaddr(r.offset(), 8));
                attempt(() -> elf.stringAtVaddr(r.addend()));
            }
        });
        for (ProgramHeader load : elf.loadSegments()) {
            int head = Long.compareUnsigned(load.memsz(), 64) < 0 ? (int) load.memsz() : 64;
            attempt(() -> elf.bytesAtVaddr(load.vaddr(), head));
            attempt(() -> elf.bytesAtVaddr(load.vaddr() + load.memsz() - 8, 8));
            attempt(() -> elf.stringAtVaddr(load.vaddr()));
        }
    }

    private static void readSymbols(SymbolTable table) {
        table.symbols();
        table.find("_start");
        table.find("__start_set_modmetadata_set");
        attempt(() -> table.symbol(table.size() - 1));
    }

    private static void attempt(Read read) {
        try {
            read.run();
        } catch (ElfException expected) {
            // A refusal is a correct answer to damaged input.
        }
    }

    private static Seed seed(String name, byte[] bytes) throws ElfException {
        ElfFile elf = ElfFile.parse(name, bytes);
        List<Field> fields = new ArrayList<>();
        int[][] header = {{4, 1}, {5, 1}, {6, 1}, {16, 2}, {18, 2}, {20, 4}, {24, 8}, {32, 8}, {40, 8}, {52, 2},
            {54, 2}, {56, 2}, {58, 2}, {60, 2}, {62, 2}};
        for (int[] f : header) {
            fields.add(new Field(f[0], f[1]));
        }
        for (int i = 0; i < elf.programHeaders().size(); i++) {
            int at = (int) elf.header().phoff() + i * ProgramHeader.SIZE;
            fields.addAll(List.of(new Field(at, 4), new Field(at + 8, 8), new Field(at + 16, 8),
                    new Field(at + 32, 8), new Field(at + 40, 8), new Field(at + 48, 8)));
        }
        for (SectionHeader section : elf.sections()) {
            int at = (int) elf.header().shoff() + section.index() * SectionHeader.SIZE;
            fields.addAll(List.of(new Field(at, 4), new Field(at + 4, 4), new Field(at + 24, 8), new Field(at + 32, 8),
                    new Field(at + 40, 4), new Field(at + 44, 4), new Field(at + 56, 8)));
            if (section.type() == SectionHeader.SHT_SYMTAB || section.type() == SectionHeader.SHT_DYNSYM) {
                for (int s = 0; s < Math.min(16, section.size() / ElfSymbol.SIZE); s++) {
                    fields.add(new Field((int) section.offset() + s * ElfSymbol.SIZE, 4));
                }
            }
            if (section.type() == SectionHeader.SHT_DYNAMIC || section.type() == SectionHeader.SHT_RELA) {
                for (int e = 0; e < Math.min(32, section.size() / 8); e++) {
                    fields.add(new Field((int) section.offset() + e * 8, 8));
                }
            }
        }
        return new Seed(name, bytes, List.copyOf(fields));
    }
}
