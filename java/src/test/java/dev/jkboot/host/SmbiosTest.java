package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmbiosTest {
    /** A 3.0 entry point: anchor, checksum, length 0x18, 3.0, docrev, rev 1, max 0x174, table. */
    static final byte[] SMBIOS3 = Hex.bytes("5f534d335f 00 18 03 00 00 01 00 74010000 00008b3f01000000");
    /** A 2.8 entry point with its intermediate "_DMI_" anchor, table 0x174 bytes at 0xf0000. */
    static final byte[] SMBIOS2 = Hex.bytes(
            "5f534d5f 00 1f 02 08 0001 00 0000000000 5f444d495f 00 7401 00000f00 0900 28");

    @Test
    void readsSmbios3() throws HostException {
        assertEquals(new Smbios("_SM3_", 3, 0, 0x1_3f8b_0000L, 0x174, 372, -1, 0),
                Smbios.parse(SMBIOS3, 372, "ep"));
    }

    @Test
    void readsSmbios2() throws HostException {
        Smbios s = Smbios.parse(SMBIOS2, 372, "ep");
        assertEquals(new Smbios("_SM_", 2, 8, 0xf0000L, 0x174, 372, 9, 0x28), s);
        assertEquals("2.8", s.version());
    }

    @Test
    void refusesWhatIsNotAnEntryPoint() {
        assertEquals("ep: starts with neither \"_SM3_\" nor \"_SM_\"", assertThrows(HostException.class,
                () -> Smbios.parse(Hex.bytes("00000000"), 0, "ep")).getMessage());
        assertEquals("ep: is 10 bytes, shorter than the 24 of its entry point",
                assertThrows(HostException.class,
                        () -> Smbios.parse(java.util.Arrays.copyOf(SMBIOS3, 10), 0, "ep")).getMessage());
        byte[] lying = SMBIOS3.clone();
        lying[6] = 0x40;
        assertEquals("ep: declares a length of 64 bytes, but holds 24 and needs 24",
                assertThrows(HostException.class, () -> Smbios.parse(lying, 0, "ep")).getMessage());
        byte[] noDmi = SMBIOS2.clone();
        noDmi[0x10] = 'X';
        assertEquals("ep: has no \"_DMI_\" anchor at offset 0x10",
                assertThrows(HostException.class, () -> Smbios.parse(noDmi, 0, "ep")).getMessage());
    }

    @Test
    void readsBothFilesFromTheTree(@TempDir Path dir) throws HostException {
        HostTree tree = new HostTree(dir).bytes(Smbios.ENTRY_POINT, SMBIOS3)
                .bytes(Smbios.DMI, new byte[372]);
        assertEquals(372, Smbios.read(tree.root()).dmiFileBytes());
    }

    @Test
    void missingDmiTableNamesIt(@TempDir Path dir) {
        HostTree tree = new HostTree(dir).bytes(Smbios.ENTRY_POINT, SMBIOS3);
        HostException e = assertThrows(HostException.class, () -> Smbios.read(tree.root()));
        assertEquals(dir.resolve("sys/firmware/dmi/tables/DMI") + ": does not exist", e.getMessage());
    }
}
