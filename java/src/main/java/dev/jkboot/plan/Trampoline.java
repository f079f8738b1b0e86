package dev.jkboot.plan;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The aarch64 trampoline Linux's kexec jumps to: it optionally checks the CRC-32 of the loaded
 * ranges ({@link IntegrityTable}), optionally copies the UEFI memory map into the metadata, then
 * enters the kernel with x0 = modulep. The blob, its data-block offsets and its integrity table's
 * shape come from the assembled source ({@code native/trampoline}); nothing here restates them by
 * hand.
 */
public final class Trampoline {
    /** The data-block fields, named as in the assembly. */
    public enum Field {
        ENTRY, MODULEP, MEMMAP_SRC, MEMMAP_DST, MEMMAP_LEN, UART,
        /** Entries of the integrity table in use; 0 = no check. */
        INTEGRITY_COUNT,
        /** Test hook: PA of a byte the trampoline flips before the check; 0 = none. */
        CORRUPT_PA;

        /** Whether the field belongs to the optional integrity check, which a trampoline may lack. */
        boolean integrity() {
            return this == INTEGRITY_COUNT || this == CORRUPT_PA;
        }
    }

    private static final String TABLE = "table.integrity";

    private final byte[] blob;
    private final Properties symbols;
    private final boolean integrity;

    /**
     * A trampoline either has every {@link Field} and the integrity table, or only the fields
     * before {@link Field#INTEGRITY_COUNT} (then it cannot check integrity: capacity 0).
     */
    Trampoline(byte[] blob, Properties symbols) {
        this.blob = blob.clone();
        this.symbols = symbols;
        this.integrity = symbols.containsKey("data." + key(Field.INTEGRITY_COUNT));
        for (Field f : Field.values()) {
            if (f.integrity() && !integrity) {
                continue;
            }
            int off = offset(f);
            if (off < 0 || off % 8 != 0 || off + 8 > this.blob.length) {
                throw new IllegalStateException("trampoline field " + f + " at offset " + off
                        + " does not fit the " + this.blob.length + "-byte blob");
            }
        }
        if (integrity) {
            int table = tableOffset();
            int size = integrityEntrySize();
            long end = table + (long) integrityCapacity() * size;
            if (table < 0 || table % 8 != 0 || end > this.blob.length || integrityCapacity() < 0 || size < 24) {
                throw new IllegalStateException("trampoline integrity table at offset " + table + " ("
                        + integrityCapacity() + " entries of " + size + " bytes) does not fit the "
                        + this.blob.length + "-byte blob");
            }
            for (String k : new String[] {"entry_pa", "entry_len", "entry_crc"}) {
                int off = tableKey(k);
                if (off < 0 || off % 8 != 0 || off + 8 > size) {
                    throw new IllegalStateException("trampoline integrity table: " + k + " = " + off
                            + " is not a u64 inside a " + size + "-byte entry");
                }
            }
        }
    }

    private static String key(Field f) {
        return f.name().toLowerCase();
    }

    /** The trampoline built into this jkboot ({@link TrampolineImage}, generated from the assembly). */
    public static Trampoline aarch64() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(TrampolineImage.symbols()));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringReader does not fail", e);
        }
        return new Trampoline(TrampolineImage.blob().getBytes(StandardCharsets.ISO_8859_1), p);
    }

    public int size() {
        return blob.length;
    }

    /** A field's offset in the blob; -1 for an integrity field of a trampoline without the check. */
    public int offset(Field f) {
        return Integer.decode(symbols.getProperty("data." + key(f), "-1"));
    }

    /** How many ranges the trampoline's integrity table holds (0 if it has none). */
    public int integrityCapacity() {
        return integrity ? tableKey("capacity") : 0;
    }

    /** Offset of the integrity table in the blob. */
    int tableOffset() {
        return Integer.decode(symbols.getProperty(TABLE, "-1"));
    }

    int integrityEntrySize() {
        return tableKey("entry_size");
    }

    /** {@code table.integrity.<key>}: capacity, entry_size, entry_pa, entry_len, entry_crc. */
    int tableKey(String key) {
        return Integer.decode(symbols.getProperty(TABLE + "." + key, "-1"));
    }

    /** The value the assembly leaves in a field, so tests can prove the offsets are right. */
    long sentinel(Field f) {
        return Long.parseUnsignedLong(symbols.getProperty("sentinel." + key(f)).substring(2), 16);
    }

    byte[] blob() {
        return blob.clone();
    }

    /**
     * The blob with its data block filled in: every field, and the integrity table (entries beyond
     * the count stay zero).
     *
     * @throws IllegalArgumentException if the integrity table has more entries than this
     *     trampoline holds, or asks for a check (or the test hook) this trampoline cannot do
     */
    public byte[] withData(TrampolineData d) {
        ByteBuffer b = ByteBuffer.wrap(blob.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(offset(Field.ENTRY), d.kernelEntryPhys());
        b.putLong(offset(Field.MODULEP), d.modulepVirt());
        b.putLong(offset(Field.MEMMAP_SRC), d.memmapSourcePhys());
        b.putLong(offset(Field.MEMMAP_DST), d.memmapDestinationPhys());
        b.putLong(offset(Field.MEMMAP_LEN), d.memmapLength());
        b.putLong(offset(Field.UART), d.uartPhys());
        List<IntegrityTable.Entry> entries = d.integrity().entries();
        if (entries.size() > integrityCapacity()) {
            throw new IllegalArgumentException("the integrity table has " + entries.size()
                    + " ranges; the trampoline holds " + integrityCapacity());
        }
        if (!integrity) {
            if (d.testCorruptPhys() != 0) {
                throw new IllegalArgumentException("this trampoline has no integrity test hook");
            }
            return b.array();
        }
        b.putLong(offset(Field.INTEGRITY_COUNT), entries.size());
        b.putLong(offset(Field.CORRUPT_PA), d.testCorruptPhys());
        int size = integrityEntrySize();
        for (int i = 0; i < entries.size(); i++) {
            int at = tableOffset() + i * size;
            IntegrityTable.Entry e = entries.get(i);
            b.putLong(at + tableKey("entry_pa"), e.pa());
            b.putLong(at + tableKey("entry_len"), e.length());
            b.putLong(at + tableKey("entry_crc"), Integer.toUnsignedLong(e.crc32()));
        }
        return b.array();
    }
}
