package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.freebsd.NativeFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in trampoline: Java's view of its data block must match the assembled symbols. */
class TrampolineTest {
    private final Trampoline t = Trampoline.aarch64();

    @Test
    void everyFieldOffsetHoldsThatFieldsSentinelInTheAssembledBlob() {
        ByteBuffer blob = ByteBuffer.wrap(t.blob()).order(ByteOrder.LITTLE_ENDIAN);
        Set<Long> seen = new HashSet<>();
        for (Trampoline.Field f : Trampoline.Field.values()) {
            assertEquals(t.sentinel(f), blob.getLong(t.offset(f)), "sentinel of " + f + " at " + t.offset(f));
            assertTrue(seen.add(t.sentinel(f)), "sentinels are distinct");
        }
    }

    @Test
    void fillsEveryFieldAndTheTableAndNothingElse() {
        List<IntegrityTable.Entry> entries = new ArrayList<>();
        for (int i = 0; i < t.integrityCapacity(); i++) {
            entries.add(new IntegrityTable.Entry(0x40200000L + 0x100000L * i, 0x1000L + i, 0x80000000 | i * 0x01010101));
        }
        TrampolineData d = new TrampolineData(0x40200800L, 0xffff000000c00000L, 0x7e000018L, 0x40c00058L, 1440,
                0x09000000L, new IntegrityTable(entries), 0x40201234L);
        byte[] filled = t.withData(d);
        ByteBuffer b = ByteBuffer.wrap(filled).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(d.kernelEntryPhys(), b.getLong(t.offset(Trampoline.Field.ENTRY)));
        assertEquals(d.modulepVirt(), b.getLong(t.offset(Trampoline.Field.MODULEP)));
        assertEquals(d.memmapSourcePhys(), b.getLong(t.offset(Trampoline.Field.MEMMAP_SRC)));
        assertEquals(d.memmapDestinationPhys(), b.getLong(t.offset(Trampoline.Field.MEMMAP_DST)));
        assertEquals(d.memmapLength(), b.getLong(t.offset(Trampoline.Field.MEMMAP_LEN)));
        assertEquals(d.uartPhys(), b.getLong(t.offset(Trampoline.Field.UART)));
        assertEquals(entries.size(), b.getLong(t.offset(Trampoline.Field.INTEGRITY_COUNT)));
        assertEquals(0x40201234L, b.getLong(t.offset(Trampoline.Field.CORRUPT_PA)));

        Set<Integer> written = new HashSet<>();
        for (Trampoline.Field f : EnumSet.allOf(Trampoline.Field.class)) {
            for (int i = 0; i < 8; i++) {
                written.add(t.offset(f) + i);
            }
        }
        // Read back through the generated properties, independently of withData's arithmetic.
        int table = Integer.parseInt(property("table.integrity"));
        int size = Integer.parseInt(property("table.integrity.entry_size"));
        for (int i = 0; i < entries.size(); i++) {
            IntegrityTable.Entry e = entries.get(i);
            int at = table + i * size;
            assertEquals(e.pa(), b.getLong(at + Integer.parseInt(property("table.integrity.entry_pa"))), "pa " + i);
            assertEquals(e.length(), b.getLong(at + Integer.parseInt(property("table.integrity.entry_len"))), "len " + i);
            assertEquals(Integer.toUnsignedLong(e.crc32()),
                    b.getLong(at + Integer.parseInt(property("table.integrity.entry_crc"))), "crc " + i + " as a u64");
            for (int j = 0; j < size; j++) {
                written.add(at + j);
            }
        }
        byte[] original = t.blob();
        for (int i = 0; i < original.length; i++) {
            if (!written.contains(i)) {
                assertEquals(original[i], filled[i], "byte " + i + " unchanged");
            }
        }
    }

    @Test
    void withoutACheckTheCountAndHookAreZeroAndTheTableStaysZero() {
        byte[] filled = t.withData(new TrampolineData(0x40200800L, 0xffff000000c00000L, 0, 0, 0, 0));
        ByteBuffer b = ByteBuffer.wrap(filled).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getLong(t.offset(Trampoline.Field.INTEGRITY_COUNT)));
        assertEquals(0, b.getLong(t.offset(Trampoline.Field.CORRUPT_PA)));
        int table = Integer.parseInt(property("table.integrity"));
        for (int i = 0; i < t.integrityCapacity() * Integer.parseInt(property("table.integrity.entry_size")); i++) {
            assertEquals(0, filled[table + i], "table byte " + i);
        }
    }

    @Test
    void aTableOverCapacityIsRefused() {
        List<IntegrityTable.Entry> entries = new ArrayList<>();
        for (int i = 0; i <= t.integrityCapacity(); i++) {
            entries.add(new IntegrityTable.Entry(0x1000L * (i + 1), 0x1000, i));
        }
        TrampolineData d = new TrampolineData(1, 2, 0, 0, 0, 0).withIntegrity(new IntegrityTable(entries), 0);
        assertThrows(IllegalArgumentException.class, () -> t.withData(d));
    }

    @Test
    void holdsEveryKexecSegmentPlusTheSplitAroundItself() {
        assertTrue(t.integrityCapacity() >= Planner.MAX_SEGMENTS + 1, "capacity " + t.integrityCapacity());
        assertEquals(24, Integer.parseInt(property("table.integrity.entry_size")));
    }

    /** A trampoline built before the check (six fields) still works, and refuses to be asked for one. */
    @Test
    void aTrampolineWithoutTheTableCanOnlyBeFilledWithoutACheck() {
        Properties p = new Properties();
        String[] fields = {"entry", "modulep", "memmap_src", "memmap_dst", "memmap_len", "uart"};
        for (int i = 0; i < fields.length; i++) {
            p.setProperty("data." + fields[i], Integer.toString(48 + 8 * i));
        }
        Trampoline old = new Trampoline(new byte[136], p);
        assertEquals(0, old.integrityCapacity());
        assertEquals(136, old.withData(new TrampolineData(1, 2, 3, 4, 5, 6)).length);
        IntegrityTable one = new IntegrityTable(List.of(new IntegrityTable.Entry(0x1000, 0x1000, 7)));
        assertThrows(IllegalArgumentException.class,
                () -> old.withData(new TrampolineData(1, 2, 3, 4, 5, 6).withIntegrity(one, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> old.withData(new TrampolineData(1, 2, 3, 4, 5, 6).withIntegrity(IntegrityTable.NONE, 0x1000)));
    }

    @Test
    void fitsThePageReservedForIt() {
        // Planner.requiredBytes reserves one page at kernend; the memreserve and layout checks assume it.
        assertTrue(t.size() > 0 && t.size() <= 4096, "size " + t.size());
    }

    @Test
    void builtInBlobAndLayoutAreTheAssembledFilesByteForByte() throws java.io.IOException {
        assertArrayEquals(Files.readAllBytes(NativeFixtures.trampolineBlob()), t.blob());
        assertEquals(Files.readString(NativeFixtures.trampolineSymbols(), java.nio.charset.StandardCharsets.ISO_8859_1),
                TrampolineImage.symbols(), "the layout, character for character");
    }

    /** A key of the layout file gen-properties.sh wrote from the assembled symbols, read here independently. */
    private static String property(String key) {
        try (var in = Files.newInputStream(NativeFixtures.trampolineSymbols())) {
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key);
            assertTrue(v != null, key + " in " + NativeFixtures.trampolineSymbols());
            return v;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
