package dev.jkboot.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * FileBytes is where every ELF read is proven in range: its checks at the exact end of the file,
 * of a string table and of a string's limit, where one byte more would be read past them.
 */
class FileBytesEdgesTest {
    private static FileBytes bytes(String s) {
        return new FileBytes("f", s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void rangesMayEndExactlyAtTheEndOfTheFile() {
        FileBytes f = bytes("abcdefgh");
        assertTrue(f.contains(0, 8));
        assertTrue(f.contains(8, 0), "an empty range at the very end");
        assertTrue(f.contains(3, 5));
        assertFalse(f.contains(9, 0));
        assertFalse(f.contains(0, 9));
        assertFalse(f.contains(3, 6));
        assertFalse(f.contains(-1, 1), "offsets are unsigned");
        assertFalse(f.contains(1, -1), "sizes are unsigned");
    }

    @Test
    void aNameOffsetEqualToTheTableSizeIsOutsideIt() throws Exception {
        FileBytes f = bytes("\0ab\0cd\0");
        assertEquals("ab", f.string(0, 4, 1, "t"));
        assertEquals("", f.string(0, 4, 3, "t"));
        ElfException e = assertThrows(ElfException.class, () -> f.string(0, 4, 4, "t"));
        assertTrue(e.getMessage().contains("name offset 0x4 is outside its string table (0x4 bytes)"), e.getMessage());
    }

    @Test
    void noByteAtOrPastTheLimitIsRead() {
        FileBytes f = bytes("abcd");
        assertEquals(4, f.indexOfNul(0, 4), "no NUL before the limit, which is the end of the file");
        assertEquals(2, f.indexOfNul(0, 2));
        FileBytes g = bytes("xabc\0");
        assertFalse(g.stringEquals(1, 4, "abc".getBytes(StandardCharsets.US_ASCII)),
                "its NUL lies at the limit, outside the string's range");
        assertTrue(g.stringEquals(1, 5, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(g.stringEquals(1, 5, "abd".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(g.stringEquals(0, 5, "xab".getBytes(StandardCharsets.US_ASCII)), "no NUL after \"xab\"");
    }
}
