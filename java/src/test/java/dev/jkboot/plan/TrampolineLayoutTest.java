package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The trampoline's data layout comes from a properties file generated from the assembly; jkboot
 * writes the boot's addresses at those offsets. Every offset must name whole u64s inside the blob,
 * or the writes would land outside it: each bound is tested at its last good value and one past.
 */
class TrampolineLayoutTest {
    private static final String[] FIELDS = {"entry", "modulep", "memmap_src", "memmap_dst", "memmap_len", "uart"};

    /** Fields at 0, 8, … 40, then the integrity count and hook, then a table of {@code capacity} entries. */
    private static Properties layout(int tableOffset, int capacity, int entrySize) {
        Properties p = new Properties();
        for (int i = 0; i < FIELDS.length; i++) {
            p.setProperty("data." + FIELDS[i], Integer.toString(8 * i));
        }
        p.setProperty("data.integrity_count", "48");
        p.setProperty("data.corrupt_pa", "56");
        p.setProperty("table.integrity", Integer.toString(tableOffset));
        p.setProperty("table.integrity.capacity", Integer.toString(capacity));
        p.setProperty("table.integrity.entry_size", Integer.toString(entrySize));
        p.setProperty("table.integrity.entry_pa", "0");
        p.setProperty("table.integrity.entry_len", "8");
        p.setProperty("table.integrity.entry_crc", "16");
        return p;
    }

    private static Properties plain(int lastFieldOffset) {
        Properties p = new Properties();
        for (int i = 0; i < FIELDS.length; i++) {
            p.setProperty("data." + FIELDS[i], Integer.toString(i == FIELDS.length - 1 ? lastFieldOffset : 8 * i));
        }
        return p;
    }

    @Test
    void aFieldMayEndExactlyAtTheEndOfTheBlob() {
        assertEquals(48, new Trampoline(new byte[48], plain(40)).size());
        assertEquals(0, new Trampoline(new byte[48], plain(40)).integrityCapacity());
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[47], plain(40)));
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[48], plain(44)), "not 8-aligned");
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[48], plain(-8)));
        new Trampoline(new byte[48], plain(0)); // two fields may share offset 0: only the bounds are checked
    }

    @Test
    void theIntegrityTableMayEndExactlyAtTheEndOfTheBlob() {
        // table at 64, 2 entries of 24 bytes: ends at 112
        Trampoline t = new Trampoline(new byte[112], layout(64, 2, 24));
        assertEquals(2, t.integrityCapacity());
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[111], layout(64, 2, 24)));
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[112], layout(68, 2, 24)));
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[200], layout(-8, 2, 24)));
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[200], layout(64, 2, 23)));
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[200], layout(64, -1, 24)));
        assertEquals(0, new Trampoline(new byte[64], layout(64, 0, 24)).integrityCapacity());
    }

    @Test
    void anEntryFieldMustBeAU64InsideItsEntry() {
        Properties p = layout(64, 2, 24);
        p.setProperty("table.integrity.entry_crc", "17");
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[112], p));
        p.setProperty("table.integrity.entry_crc", "24");
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[112], p));
        p.setProperty("table.integrity.entry_crc", "-8");
        assertThrows(IllegalStateException.class, () -> new Trampoline(new byte[112], p));
        p.setProperty("table.integrity.entry_crc", "16");
        new Trampoline(new byte[112], p);
    }

    @Test
    void theDataGoesAtTheOffsetsTheLayoutNames() {
        Trampoline t = new Trampoline(new byte[112], layout(64, 2, 24));
        IntegrityTable table = new IntegrityTable(List.of(new IntegrityTable.Entry(0x4000_0000L, 0x1000, 0x1234),
                new IntegrityTable.Entry(0x4000_2000L, 0x2000, -1)));
        byte[] blob = t.withData(new TrampolineData(1, 2, 3, 4, 5, 6).withIntegrity(table, 0x4000_0010L));
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < FIELDS.length; i++) {
            assertEquals(i + 1, b.getLong(8 * i));
        }
        assertEquals(2, b.getLong(48));
        assertEquals(0x4000_0010L, b.getLong(56));
        assertEquals(0x4000_0000L, b.getLong(64));
        assertEquals(0x1000, b.getLong(72));
        assertEquals(0x1234, b.getLong(80));
        assertEquals(0x4000_2000L, b.getLong(88));
        assertEquals(0x2000, b.getLong(96));
        assertEquals(0xffff_ffffL, b.getLong(104));
    }
}
