package dev.jkboot.smbios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.host.Smbios;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Synthetic tables: malformed structures end the walk with one message, the structures before them count. */
class SmbiosCorruptTest {
    private static Smbios v3(int length) {
        return new Smbios("_SM3_", 3, 2, 0x1000, length, length, -1, 0);
    }

    private static Smbios v2(int length, int count, int bcd) {
        return new Smbios("_SM_", 2, 3, 0x1000, length, length, count, bcd);
    }

    /** A structure: type, formatted length, handle, the rest of the formatted area, then strings. */
    private static byte[] structure(int type, byte[] fields, String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(4 + fields.length);
        out.write(0);
        out.write(0);
        out.writeBytes(fields);
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        if (strings.length == 0) {
            out.write(0);
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Type 1 with maker = string 1 and product = string 2 (fields 0x04, 0x05). */
    private static byte[] system(String maker, String product) {
        return structure(1, new byte[] {1, 2, 0, 0}, maker, product);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void structureRunningPastTheEndKeepsWhatCameBefore() {
        byte[] table = concat(system("Acme", "Box"), new byte[] {4, 0x30, 0, 0, 1, 2});
        SmbiosEnvironment env = SmbiosEnvironment.decode(v3(table.length), 0, table);
        assertEquals("Acme", env.variables().get("smbios.system.maker"));
        assertEquals(List.of("SMBIOS structure 1 (type 4) at offset 0x12: its 48-byte formatted area runs past "
                + "the table end (0x18); it and the structures after it skipped"), env.problems());
        assertEquals("v3 (64-bit)", env.variables().get("smbios.entry_point_type"));
    }

    @Test
    void lengthShorterThanTheHeaderIsRefused() {
        byte[] table = {1, 3, 0, 0, 0, 0};
        SmbiosEnvironment env = SmbiosEnvironment.decode(v3(table.length), 0, table);
        assertEquals(1, env.problems().size());
        assertTrue(env.problems().get(0).contains("declares a length of 3, shorter than its own 4-byte header"));
        assertFalse(env.variables().containsKey("smbios.system.maker"));
    }

    @Test
    void stringsWithoutTheirDoubleNulAreRefused() {
        byte[] table = {1, 6, 0, 0, 1, 0, 'A', 'c', 'm', 'e'};
        SmbiosEnvironment env = SmbiosEnvironment.decode(v3(table.length), 0, table);
        assertTrue(env.problems().get(0).contains("its strings have no double-NUL end"), env.problems().toString());
    }

    @Test
    void aCutHeaderIsRefused() {
        byte[] table = concat(system("Acme", "Box"), new byte[] {1, 4});
        SmbiosEnvironment env = SmbiosEnvironment.decode(v3(table.length), 0, table);
        assertTrue(env.problems().get(0).contains("its 4-byte header runs past the table end"), env.problems().toString());
    }

    @Test
    void aStringIndexBeyondTheSetLeavesThatVariableUnsetAndSaysSo() {
        byte[] table = structure(1, new byte[] {1, 5, 0, 0}, "Acme");
        SmbiosEnvironment env = SmbiosEnvironment.decode(v3(table.length), 0, table);
        assertEquals("Acme", env.variables().get("smbios.system.maker"));
        assertFalse(env.variables().containsKey("smbios.system.product"));
        assertEquals(List.of("SMBIOS structure type 1 at offset 0x0: field 0x05 names string 5 of 1; "
                + "smbios.system.product not set"), env.problems());
    }

    @Test
    void theWalkStopsAtEndOfTableAndAtTheDeclaredCount() {
        byte[] table = concat(system("First", "One"), structure(127, new byte[0]), system("Second", "Two"));
        assertEquals("First", SmbiosEnvironment.decode(v3(table.length), 0, table).variables()
                .get("smbios.system.maker"));
        byte[] two = concat(system("First", "One"), system("Second", "Two"));
        assertEquals("First", SmbiosEnvironment.decode(v2(two.length, 1, 0x23), 0, two).variables()
                .get("smbios.system.maker"), "count 1: the second structure is not read");
        assertEquals("Second", SmbiosEnvironment.decode(v2(two.length, 2, 0x23), 0, two).variables()
                .get("smbios.system.maker"), "a later structure of the same type wins, as setenv overwrites");
        assertEquals("First", SmbiosEnvironment.decode(v3(19), 0, two).variables().get("smbios.system.maker"),
                "the declared length ends the walk before the second structure");
    }

    @Test
    void versionComesFromTheBcdRevisionUnlessItIsNotDecimal() {
        assertEquals("2.8", SmbiosEnvironment.decode(v2(0, 0, 0x28), 0, new byte[0]).variables().get("smbios.version"));
        assertEquals("2.3", SmbiosEnvironment.decode(v2(0, 0, 0x2a), 0, new byte[0]).variables().get("smbios.version"));
        assertEquals("2.3", SmbiosEnvironment.decode(v2(0, 0, 0), 0, new byte[0]).variables().get("smbios.version"));
        assertEquals("v2.1 (32-bit)", SmbiosEnvironment.decode(v2(0, 0, 0), 0, new byte[0]).variables()
                .get("smbios.entry_point_type"));
    }

    @Test
    void skuAndFamilyOnlyFromVersion2Point4() {
        byte[] fields = new byte[0x1b - 4];
        fields[0] = 1;
        fields[0x19 - 4] = 2;
        fields[0x1a - 4] = 3;
        byte[] table = structure(1, fields, "Acme", "SKU-1", "Fam");
        assertEquals("SKU-1", SmbiosEnvironment.decode(v2(table.length, 1, 0x24), 0, table).variables()
                .get("smbios.system.sku"));
        assertFalse(SmbiosEnvironment.decode(v2(table.length, 1, 0x23), 0, table).variables()
                .containsKey("smbios.system.family"));
    }

    @Test
    void uuidByteOrderFollowsTheVersionAndReservedValuesAreSkipped() {
        byte[] uuid = {0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, (byte) 0x88, (byte) 0x99,
            (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff};
        assertEquals("00112233-4455-6677-8899-aabbccddeeff", SmbiosUuid.format(uuid, 0x0206).orElseThrow());
        assertEquals("33221100-5544-7766-8899-aabbccddeeff", SmbiosUuid.format(uuid, 0x0205).orElseThrow());
        byte[] signed = {(byte) 0xfe, (byte) 0xff, 0x00, (byte) 0x80, 0x01, (byte) 0x90, 0x0a, (byte) 0xf0, 0x00, 0x05,
            (byte) 0xff, 0x00, 0x01, 0x02, 0x03, 0x04};
        assertEquals("8000fffe-9001-f00a-0005-ff0001020304", SmbiosUuid.format(signed, 0x0206).orElseThrow(),
                "fields with the top bit set print unsigned, every byte as two digits");
        assertEquals("feff0080-0190-0af0-0005-ff0001020304", SmbiosUuid.format(signed, 0x0205).orElseThrow());
        assertTrue(SmbiosUuid.format(new byte[16], 0x0300).isEmpty());
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertTrue(SmbiosUuid.format(ones, 0x0300).isEmpty());
    }

    @Test
    void memoryCountsType17InKibAndFallsBackToType6() {
        byte[] mib = new byte[0x0e - 4];
        mib[0x0c - 4] = 0x00;
        mib[0x0d - 4] = 0x04; // 1024 MiB
        byte[] kib = new byte[0x0e - 4];
        kib[0x0c - 4] = 0x00;
        kib[0x0d - 4] = (byte) 0x82; // bit 15: 512 KiB
        byte[] table = concat(structure(17, mib), structure(17, kib));
        assertEquals("1049088", SmbiosEnvironment.decode(v3(table.length), 0, table).variables()
                .get("smbios.memory.enabled"));
        byte[] old = new byte[0x0b - 4];
        old[0x0a - 4] = (byte) 0x8a; // double bank, 2^10 MiB
        byte[] oldTable = structure(6, old);
        assertEquals("1048576", SmbiosEnvironment.decode(v3(oldTable.length), 0, oldTable).variables()
                .get("smbios.memory.enabled"));
    }

    @Test
    void chassisTypeNamesTheWholeByte() {
        assertEquals("Rack Mount Chassis", ChassisType.name(0x17));
        assertEquals("Stick PC", ChassisType.name(0x24));
        assertEquals("Undefined", ChassisType.name(0x25));
        assertEquals("Undefined", ChassisType.name(0x81));
        assertEquals("Undefined", ChassisType.name(0));
    }

    /** Seeded random tables and mutated real ones never read past their bytes nor throw. */
    @Test
    void fuzzedTablesNeverThrow() {
        Random random = new Random(10);
        byte[] real = SmbiosFixture.of("uefi-2g").table();
        for (int i = 0; i < 20_000; i++) {
            byte[] table;
            if (i % 2 == 0) {
                table = real.clone();
                for (int n = 0; n < 1 + random.nextInt(4); n++) {
                    table[random.nextInt(table.length)] = (byte) random.nextInt(256);
                }
            } else {
                table = new byte[random.nextInt(64)];
                random.nextBytes(table);
            }
            int declared = random.nextInt(table.length + 16);
            SmbiosEnvironment env = SmbiosEnvironment.decode(i % 3 == 0 ? v2(declared, random.nextInt(40), 0x28)
                    : v3(declared), 0, table);
            assertTrue(env.variables().containsKey("smbios.version"));
        }
    }
}
