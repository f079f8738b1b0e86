package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One 512-byte directory block; {@code records} in hex, the rest zero. */
    private static byte[] block(String records) {
        byte[] block = new byte[512];
        byte[] bytes = HEX.parseHex(records);
        System.arraycopy(bytes, 0, block, 0, bytes.length);
        return block;
    }

    private static String names(List<Directory.Record> records) {
        return String.join(",", records.stream().map(r -> r.text() + "=" + r.inode() + "/" + r.type()).toList());
    }

    // d_ino (LE u32), d_reclen (LE u16), d_type, d_namlen, name + NUL padded to 4 bytes.
    private static final String DOT = "02000000" + "0c00" + "04" + "01" + "2e000000";
    private static final String DOTDOT = "02000000" + "0c00" + "04" + "02" + "2e2e0000";

    @Test
    void parsesRecordsUpToTheEndOfTheBlock() throws Exception {
        String kernel = "05000000" + "dc01" + "08" + "06" + "6b65726e656c0000"; // reclen 476 = rest of block
        String whiteout = "01000000" + "0c00" + "0e" + "01" + "78000000";       // DT_WHT, skipped
        byte[] data = block(DOT + DOTDOT + whiteout + kernel);
        assertEquals(".=2/4,..=2/4,kernel=5/8", names(Directory.parse(data, "/boot")));
    }

    @Test
    void emptySlotsAreSkippedButMustStillBeSound() throws Exception {
        String free = "00000000" + "f401" + "00" + "00"; // ino 0, reclen 500: the rest of the block
        assertEquals(".=2/4", names(Directory.parse(block(DOT + free), "/x")));
    }

    @Test
    void recordsThatDoNotFillTheBlockExactlyAreRefused() {
        String short4 = "00000000" + "f001" + "00" + "00"; // reclen 496 leaves 4 bytes
        UfsException e = assertThrows(UfsException.class, () -> Directory.parse(block(DOT + short4), "/x"));
        assertEquals("directory /x is damaged: the records of the block at byte 0 end 4 bytes short of it",
                e.getMessage());
    }

    @Test
    void damagedRecordsAreRefusedWithTheirOffset() {
        assertEquals("directory /x is damaged: the record at byte 12 has d_reclen 0 (must be a multiple of 4 from 8 to 500)",
                assertThrows(UfsException.class, () -> Directory.parse(block(DOT), "/x")).getMessage());
        assertEquals("directory /x is damaged: the record at byte 0 has d_reclen 14 (must be a multiple of 4 from 8 to 512)",
                assertThrows(UfsException.class, () -> Directory.parse(block("02000000" + "0e00" + "0401" + "2e00"), "/x")).getMessage());
        String longName = "05000000" + "1000" + "08" + "14" + "41414141"; // namlen 20 needs 32 bytes
        assertEquals("directory /x is damaged: the record at byte 12 has d_namlen 20, which does not fit d_reclen 16",
                assertThrows(UfsException.class, () -> Directory.parse(block(DOT + longName), "/x")).getMessage());
        String slash = "05000000" + "f401" + "08" + "03" + "612f6200";
        assertEquals("directory /x is damaged: the name at byte 12 contains a NUL or '/'",
                assertThrows(UfsException.class, () -> Directory.parse(block(DOT + slash), "/x")).getMessage());
        String unterminated = "05000000" + "f401" + "08" + "03" + "61626364";
        assertEquals("directory /x is damaged: the name at byte 12 is not NUL-terminated",
                assertThrows(UfsException.class, () -> Directory.parse(block(DOT + unterminated), "/x")).getMessage());
        assertEquals("directory /x is damaged: its size 100 is not a multiple of 512",
                assertThrows(UfsException.class, () -> Directory.parse(new byte[100], "/x")).getMessage());
    }
}
