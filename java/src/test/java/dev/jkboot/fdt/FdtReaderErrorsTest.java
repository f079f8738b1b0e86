package dev.jkboot.fdt;

import static dev.jkboot.fdt.Blobs.BEGIN_NODE;
import static dev.jkboot.fdt.Blobs.END;
import static dev.jkboot.fdt.Blobs.END_NODE;
import static dev.jkboot.fdt.Blobs.NOP;
import static dev.jkboot.fdt.Blobs.PROP;
import static dev.jkboot.fdt.Blobs.STRUCT;
import static dev.jkboot.fdt.Blobs.blob;
import static dev.jkboot.fdt.Blobs.name;
import static dev.jkboot.fdt.Blobs.with;
import static dev.jkboot.fdt.Blobs.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way a blob can be malformed gives an FdtException saying what, where, and what to do. */
class FdtReaderErrorsTest {

    /** A root with property "a" = <1> and child "c" with property "b" = [], as words. */
    private static final int[] GOOD = words(BEGIN_NODE, name(""), PROP, 4, 0, 1,
            BEGIN_NODE, name("c"), PROP, 0, 2, END_NODE, END_NODE, END);
    private static final String GOOD_STRINGS = "a\0b\0";

    private static String error(byte[] blob) {
        FdtException e = assertThrows(FdtException.class, () -> FdtReader.read(blob, "/sys/firmware/fdt"));
        assertEquals(ExitStatus.INPUT, e.exitStatus());
        assertTrue(e.getMessage().startsWith("/sys/firmware/fdt: "), e.getMessage());
        assertTrue(e.fix().contains("--dtb"), e.fix());
        return e.getMessage();
    }

    private static void assertError(String expected, byte[] blob) {
        assertEquals("/sys/firmware/fdt: " + expected, error(blob));
    }

    @Test
    void theHandMadeBlobIsGood() throws FdtException {
        Fdt fdt = FdtReader.read(blob(GOOD_STRINGS, GOOD), "good");
        assertEquals(1, fdt.property("/", "a").orElseThrow().asU32());
        assertTrue(fdt.property("/c", "b").orElseThrow().isEmpty());
    }

    @Test
    void saysWhereAndWhatToDo() {
        FdtException e = assertThrows(FdtException.class, () -> FdtReader.read(new byte[8], "/sys/firmware/fdt"));
        assertEquals("the device tree at /sys/firmware/fdt is corrupt or truncated; pass a good one with --dtb", e.fix());
    }

    @Test
    void truncatedHeader() {
        assertError("the blob is only 39 bytes long, shorter than a device-tree header (40), at byte offset 0x0",
                Arrays.copyOf(blob(GOOD_STRINGS, GOOD), 39));
    }

    @Test
    void truncatedBlob() {
        byte[] qemu = Fixtures.bytes("qemu-virt.dtb.gz");
        assertError("the header says the tree is 1048576 bytes long but only 4096 are there: it is truncated,"
                + " at byte offset 0x4", Arrays.copyOf(qemu, 4096));
    }

    @Test
    void badMagic() {
        assertError("bad magic 0x7f454c46 (a flattened device tree starts with 0xd00dfeed), at byte offset 0x0",
                with(blob(GOOD_STRINGS, GOOD), 0, 0x7f454c46));
    }

    @Test
    void versionsOutsideSixteenAndSeventeen() throws FdtException {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        assertEquals("/sys/firmware/fdt: device-tree format version 3 at byte offset 0x14 is older than 16;"
                + " jkboot reads versions 16 and 17", error(with(good, 20, 3)));
        assertEquals("/sys/firmware/fdt: device-tree format version 18 at byte offset 0x14 is not backward"
                + " compatible with version 17 (last_comp_version 18)", error(with(with(good, 20, 18), 24, 18)));
        // A later version that stays compatible with 17 is read as 17.
        assertEquals(FdtReader.read(good, "v17").root(), FdtReader.read(with(good, 20, 18), "v18").root());
    }

    @Test
    void totalSizeSmallerThanTheHeader() {
        assertError("the header says the tree is 20 bytes long, shorter than its own header, at byte offset 0x4",
                with(blob(GOOD_STRINGS, GOOD), 4, 20));
    }

    @Test
    void blocksOutsideTheTree() {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        assertError("the structure block offset 0x1000 lies outside [0x28, 0x74] (after the header, within the"
                + " tree's totalsize), at byte offset 0x8", with(good, 8, 0x1000));
        assertError("the strings block offset 0x10 lies outside [0x28, 0x74] (after the header, within the"
                + " tree's totalsize), at byte offset 0xc", with(good, 12, 0x10));
        assertError("the structure block [0x38, 0x90) runs past the tree's totalsize 0x74, at byte offset 0x24",
                with(good, 36, 0x58));
        assertError("the strings block [0x70, 0x75) runs past the tree's totalsize 0x74, at byte offset 0x20",
                with(good, 32, 5));
    }

    @Test
    void misalignedBlocks() {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        assertError("the memory-reservation block offset 0x2c is not 8-byte aligned, at byte offset 0x10",
                with(good, 16, 44));
        assertError("the structure block offset 0x3a is not 4-byte aligned, at byte offset 0x8", with(good, 8, 58));
    }

    @Test
    void overlappingBlocks() {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        // The strings block moved into the structure block.
        assertError("the strings block [0x40, 0x44) overlaps the structure block [0x38, 0x70), at byte offset 0x40",
                with(good, 12, 0x40));
        // The structure block moved back onto the reservation block.
        assertError("the memory-reservation block [0x28, 0x38) overlaps the structure block [0x28, 0x60),"
                + " at byte offset 0x28", with(good, 8, 0x28));
    }

    @Test
    void reservationBlockWithoutTerminator() {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        // Moved to 0x68, the block reads END_NODE, END and the strings as an entry of non-zero size.
        assertError("the memory-reservation block has no terminating entry before the end of the tree,"
                + " at byte offset 0x68", with(good, 16, 0x68));
    }

    @Test
    void reservationPastTheTopOfMemory() {
        byte[] good = blob(GOOD_STRINGS, GOOD);
        byte[] wraps = with(with(with(good, 40, -1), 44, -4096), 52, 0x2000);
        assertError("memory reservation of 0x2000 bytes at 0xfffffffffffff000 runs past 2^64, at byte offset 0x28",
                wraps);
    }

    @Test
    void structureWithoutEnd() {
        int[] noEnd = Arrays.copyOf(GOOD, GOOD.length - 1);
        assertError("the structure block ends at 0x6c without FDT_END, at byte offset 0x6c", blob(GOOD_STRINGS, noEnd));
    }

    @Test
    void endInsideANode() {
        assertError("FDT_END comes before the node ends (FDT_END_NODE missing), at byte offset 0x4c"
                + " (in node /c)", blob("", words(BEGIN_NODE, name(""), BEGIN_NODE, name("c"), NOP, END)));
        assertError("FDT_END comes before any node: the tree has no root, at byte offset 0x3c",
                blob("", words(NOP, END)));
    }

    @Test
    void propertyNameOffsetOutsideTheStrings() {
        int[] bad = GOOD.clone();
        bad[4] = 4; // the root's property "a" now names strings offset 4, the block is 4 bytes long
        assertError("a property name offset 0x4 lies outside the strings block (0x4 bytes), at byte offset 0x40"
                + " (in node /)", blob(GOOD_STRINGS, bad));
    }

    @Test
    void unterminatedStrings() {
        assertError("the property name at strings offset 0x2 runs past the strings block (no NUL), at byte offset 0x58"
                + " (in node /c)", blob("a\0b", GOOD));
        int[] unterminatedName = words(BEGIN_NODE, 0x61626364);
        assertError("a node name runs past the end of the structure block (no NUL), at byte offset 0x3c",
                blob("", unterminatedName));
    }

    @Test
    void unknownAndMisalignedTokens() {
        assertError("unknown token 0x00000005 (or a misaligned one), at byte offset 0x38",
                blob("", words(5, END)));
        // A value of 5 bytes followed by a token straight after it, not on the next 4-byte boundary.
        int[] misaligned = words(BEGIN_NODE, name(""), PROP, 5, 0, 0x01020304, 0x05000000 | END_NODE >> 8,
                END_NODE << 24, END << 24);
        assertTrue(error(blob("a\0", misaligned)).startsWith("/sys/firmware/fdt: unknown token 0x02000000"));
    }

    @Test
    void endNodeWithoutBeginNode() {
        assertError("FDT_END_NODE without a matching FDT_BEGIN_NODE, at byte offset 0x38",
                blob("", words(END_NODE, END)));
        assertError("FDT_END_NODE without a matching FDT_BEGIN_NODE, at byte offset 0x44",
                blob("", words(BEGIN_NODE, name(""), END_NODE, END_NODE, END)));
    }

    @Test
    void propertiesOutsideNodesOrAfterChildren() {
        assertError("a property outside any node, at byte offset 0x44",
                blob("a\0", words(BEGIN_NODE, name(""), END_NODE, PROP, 0, 0, END)));
        assertError("property a follows a child node; properties must come first, at byte offset 0x4c (in node /)",
                blob("a\0", words(BEGIN_NODE, name(""), BEGIN_NODE, name("c"), END_NODE, PROP, 0, 0, END_NODE, END)));
    }

    @Test
    void aSecondRoot() {
        assertError("a second root node begins after the first ended, at byte offset 0x44",
                blob("", words(BEGIN_NODE, name(""), END_NODE, BEGIN_NODE, name(""), END_NODE, END)));
    }

    @Test
    void propertyRunningPastTheStructureBlock() {
        assertError("a property value of 4096 bytes runs past the end of the structure block at 0x54,"
                + " at byte offset 0x40 (in node /)",
                blob("a\0", words(BEGIN_NODE, name(""), PROP, 4096, 0, END_NODE, END)));
        assertError("a property header runs past the end of the structure block, at byte offset 0x40 (in node /)",
                blob("a\0", words(BEGIN_NODE, name(""), PROP, 0)));
        // A 3-byte value at the very end: its padding would leave the block.
        byte[] padding = with(blob("a\0", words(BEGIN_NODE, name(""), PROP, 3, 0, 0)), 36, 23);
        assertError("the padding after a name or value runs past the end of the structure block,"
                + " at byte offset 0x4f (in node /)", padding);
    }

    @Test
    void nestingDeeperThanSixtyFour() throws FdtException {
        assertError("nodes nest deeper than 64 levels, at byte offset 0x238 (in node /n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n"
                + "/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n)",
                blob("", nested(65)));
        assertEquals(1, FdtReader.read(blob("", nested(64)), "deep").root().children().size());
    }

    private static int[] nested(int depth) {
        int[] words = new int[depth * 3 + 1];
        for (int i = 0; i < depth; i++) {
            words[2 * i] = BEGIN_NODE;
            words[2 * i + 1] = i == 0 ? 0 : 0x6e000000; // "" for the root, then "n"
            words[2 * depth + i] = END_NODE;
        }
        words[3 * depth] = END;
        return words;
    }

    @Test
    void version16BlocksAreCheckedOnceTheStructureEndIsKnown() throws FdtException {
        byte[] v16 = with(blob(GOOD_STRINGS, GOOD), 20, 16);
        assertEquals(FdtReader.read(blob(GOOD_STRINGS, GOOD), "v17").root(), FdtReader.read(v16, "v16").root());
        // The strings block starts before the structure block and reaches into it.
        byte[] overlapping = with(with(v16, 12, 40), 32, 0x40);
        assertTrue(error(overlapping).contains("overlaps"), error(overlapping));
    }

    @Test
    void aValueThatDoesNotFitItsTypeNamesThePropertyAndNode() throws FdtException {
        Fdt fdt = FdtReader.read(blob("linux,uefi-mmap-size\0", words(BEGIN_NODE, name(""), BEGIN_NODE, name("chosen"),
                PROP, 2, 0, 0, END_NODE, END_NODE, END)), "short");
        FdtException e = assertThrows(FdtException.class, fdt::chosen);
        assertEquals("/chosen: property linux,uefi-mmap-size is 2 bytes long; a u32 needs 4", e.getMessage());
        assertEquals(List.of(), fdt.memory());
    }
}
