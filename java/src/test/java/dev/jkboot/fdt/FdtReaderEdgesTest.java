package dev.jkboot.fdt;

import static dev.jkboot.fdt.Blobs.BEGIN_NODE;
import static dev.jkboot.fdt.Blobs.END;
import static dev.jkboot.fdt.Blobs.END_NODE;
import static dev.jkboot.fdt.Blobs.PROP;
import static dev.jkboot.fdt.Blobs.blob;
import static dev.jkboot.fdt.Blobs.name;
import static dev.jkboot.fdt.Blobs.with;
import static dev.jkboot.fdt.Blobs.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reader's bounds checks at their exact edges: what ends exactly at a limit (the end of the
 * tree, of the structure block) is read, and one byte more is refused with the check's own message.
 * {@link FdtReaderErrorsTest} has each error well past its edge; these are the last good values.
 */
class FdtReaderEdgesTest {
    private static final int[] ROOT = words(BEGIN_NODE, name(""), END_NODE, END);

    private static String error(byte[] blob) {
        return assertThrows(FdtException.class, () -> FdtReader.read(blob, "t")).getMessage();
    }

    @Test
    void aBlobOfExactlyAHeaderIsNotTooShortForOne() {
        byte[] header = with(Arrays.copyOf(blob("", ROOT), 40), 4, 40);
        String e = error(header);
        assertFalse(e.contains("shorter than a device-tree header"), e);
        assertTrue(error(Arrays.copyOf(header, 39)).contains("the blob is only 39 bytes long"));
    }

    @Test
    void aTotalSizeOfExactlyTheHeaderIsNotShorterThanIt() {
        String e = error(with(blob("", ROOT), 4, 40));
        assertFalse(e.contains("shorter than its own header"), e);
        assertTrue(e.contains("lies outside [0x28, 0x28]"), e);
        assertTrue(error(with(blob("", ROOT), 4, 39)).contains("shorter than its own header"));
    }

    @Test
    void treesCompatibleWithVersion17AreRead() throws FdtException {
        FdtReader.read(with(blob("", ROOT), 24, 17), "last_comp_version 17");
        FdtReader.read(with(blob("", ROOT), 24, 16), "last_comp_version 16");
        assertTrue(error(with(blob("", ROOT), 24, 18)).contains("is not backward"));
    }

    @Test
    void aReservationBlockEndingExactlyAtTheEndOfTheTreeIsRead() throws FdtException {
        byte[] good = blob("", ROOT);
        int at = (good.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(at + 32);
        b.put(good);
        b.putLong(at, 0x8000_0000L).putLong(at + 8, 0x1000); // one reservation, then the terminator
        byte[] last = with(with(b.array(), 16, at), 4, at + 32);
        Fdt fdt = FdtReader.read(last, "reservations last");
        assertEquals(1, fdt.reservations().size());
        byte[] cut = with(Arrays.copyOf(last, at + 31), 4, at + 31);
        assertTrue(error(cut).contains("no terminating entry"), error(cut));
    }

    @Test
    void aVersion16StructureIsNotCutShortByAnEmptyBlockAtItsOwnStart() throws FdtException {
        byte[] v16 = with(with(blob("", ROOT), 20, 16), 12, Blobs.STRUCT);
        assertEquals(0, FdtReader.read(v16, "v16").root().properties().size());
    }

    @Test
    void aPropertyHeaderEndingExactlyAtTheBlockEndIsRead() {
        // A property of length 0 whose header is the block's last 8 bytes: what is missing is FDT_END.
        String e = error(blob("a\0", words(BEGIN_NODE, name(""), PROP, 0, 0)));
        assertTrue(e.contains("without FDT_END"), e);
        String shorter = error(with(blob("a\0", words(BEGIN_NODE, name(""), PROP, 0, 0)), 36, 15));
        assertTrue(shorter.startsWith("t: a property header runs past the end of the structure block"), shorter);
    }

    @Test
    void aValueEndingExactlyAtTheBlockEndIsReadAndOneByteMoreIsRefused() {
        String e = error(blob("a\0", words(BEGIN_NODE, name(""), PROP, 4, 0, 1)));
        assertTrue(e.contains("without FDT_END"), e);
        assertEquals("t: a property value of 5 bytes runs past the end of the structure block at 0x50,"
                + " at byte offset 0x40 (in node /)", error(blob("a\0", words(BEGIN_NODE, name(""), PROP, 5, 0, 1))));
    }

    @Test
    void aPropertyNameMustStartInsideTheStringsBlock() throws FdtException {
        int[] struct = words(BEGIN_NODE, name(""), PROP, 0, 2, END_NODE, END);
        assertEquals("b", FdtReader.read(blob("a\0b\0", struct), "t").root().properties().get(0).name());
        String e = error(blob("a\0", words(BEGIN_NODE, name(""), PROP, 0, 2, END_NODE, END)));
        assertTrue(e.contains("a property name offset 0x2 lies outside the strings block (0x2 bytes)"), e);
    }

    @Test
    void anEmptyStringsBlockInsideAnotherBlockOverlapsNothing() throws FdtException {
        // size_dt_strings 0, placed inside the structure block, then inside the reservation block
        byte[] insideStructure = with(with(blob("", ROOT), 32, 0), 12, Blobs.STRUCT + 4);
        assertEquals(0, FdtReader.read(insideStructure, "t").root().properties().size());
        byte[] insideReservations = with(with(blob("", ROOT), 32, 0), 12, 48);
        assertEquals(0, FdtReader.read(insideReservations, "t").root().properties().size());
    }
}
