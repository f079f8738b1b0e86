package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * linker.hints as kldxref(8) writes it and module.c reads it, byte by byte (little-endian ints).
 * Every file here is spelled out by hand.
 */
class LinkerHintsTest {
    /**
     * Two MDT_VERSION records and one MDT_MODULE record:
     * <pre>
     *  0: 01 00 00 00             LINKER_HINTS_VERSION 1
     *  4: 18 00 00 00             record length 24 (bytes 8..31)
     *  8: 03 00 00 00             MDT_VERSION
     * 12: 03 'z' 'f' 's'          name "zfs" (length byte, bytes)
     * 16:                         already 4-aligned: no padding
     * 16: 05 00 00 00             version 5
     * 20: 06 'z' 'f' 's' '.' 'k' 'o'   file "zfs.ko"
     * 27: 00 00 00 00 00          padding to 32 (kldxref pads each record to an int)
     * 32: 14 00 00 00             record length 20 (bytes 36..55)
     * 36: 02 00 00 00             MDT_MODULE: skipped by the loader's lookup
     * 40: 03 'z' 'f' 's' 06 'z' 'f' 's' '.' 'k' 'o' 00 00 00 00 00
     * 56: 1c 00 00 00             record length 28 (bytes 60..87)
     * 60: 03 00 00 00             MDT_VERSION
     * 64: 04 'x' 'd' 'r' '2'      name "xdr2"
     * 69: 00 00 00                padding to 72
     * 72: 01 00 00 00             version 1
     * 76: 08 'x' 'd' 'r' '_' 'm' '.' 'k' 'o'   file "xdr_m.ko" (the name differs from the file's)
     * 85: 00 00 00                padding to 88
     * </pre>
     */
    static final byte[] SAMPLE = bytes(
            1, 0, 0, 0,
            24, 0, 0, 0, 3, 0, 0, 0, 3, 'z', 'f', 's', 5, 0, 0, 0, 6, 'z', 'f', 's', '.', 'k', 'o', 0, 0, 0, 0, 0,
            20, 0, 0, 0, 2, 0, 0, 0, 3, 'z', 'f', 's', 6, 'z', 'f', 's', '.', 'k', 'o', 0, 0, 0, 0, 0,
            28, 0, 0, 0, 3, 0, 0, 0, 4, 'x', 'd', 'r', '2', 0, 0, 0, 1, 0, 0, 0,
            8, 'x', 'd', 'r', '_', 'm', '.', 'k', 'o', 0, 0, 0);

    @Test
    void theVersionRecordsOfAKldxrefFile() throws Exception {
        assertEquals(88, SAMPLE.length);
        assertEquals(List.of(new LinkerHints.Entry(new ModuleVersion("zfs", 5), "zfs.ko"),
                        new LinkerHints.Entry(new ModuleVersion("xdr2", 1), "xdr_m.ko")),
                LinkerHints.parse("linker.hints", SAMPLE).versions());
    }

    @Test
    void aModuleWhoseFileHasAnotherName() throws Exception {
        LinkerHints hints = LinkerHints.parse("linker.hints", SAMPLE);
        assertEquals(Optional.of("xdr_m.ko"), hints.fileFor("xdr2", Optional.empty()));
        assertEquals(Optional.empty(), hints.fileFor("xdr", Optional.empty()));
        assertEquals(Optional.empty(), hints.fileFor("zf", Optional.empty()));
    }

    /** The same module at versions 3, 2 and 4, in that order, in three files. */
    private static LinkerHints versions() throws Exception {
        return LinkerHints.parse("h", hintsOf("m:3:m3.ko", "m:2:m2.ko", "m:4:m4.ko"));
    }

    @Test
    void withoutARangeTheFirstRecordWins() throws Exception {
        assertEquals(Optional.of("m3.ko"), versions().fileFor("m", Optional.empty()));
    }

    @Test
    void thePreferredVersionWinsWhereverItIsListed() throws Exception {
        assertEquals(Optional.of("m2.ko"), versions().fileFor("m", Optional.of(new ModuleDependency("m", 1, 2, 4))));
        assertEquals(Optional.of("m4.ko"), versions().fileFor("m", Optional.of(new ModuleDependency("m", 1, 4, 4))));
    }

    @Test
    void elseTheHighestVersionInRange() throws Exception {
        assertEquals(Optional.of("m4.ko"), versions().fileFor("m", Optional.of(new ModuleDependency("m", 1, 9, 9))));
        assertEquals(Optional.of("m3.ko"), versions().fileFor("m", Optional.of(new ModuleDependency("m", 1, 9, 3))));
        assertEquals(Optional.of("m2.ko"), versions().fileFor("m", Optional.of(new ModuleDependency("m", 2, 9, 2))));
        assertEquals(Optional.empty(), versions().fileFor("m", Optional.of(new ModuleDependency("m", 5, 6, 7))));
    }

    @Test
    void ofTwoFilesWithTheSameVersionTheFirstWins() throws Exception {
        LinkerHints hints = LinkerHints.parse("h", hintsOf("m:2:first.ko", "m:2:second.ko"));
        assertEquals(Optional.of("first.ko"), hints.fileFor("m", Optional.of(new ModuleDependency("m", 1, 2, 3))));
        assertEquals(Optional.of("first.ko"), hints.fileFor("m", Optional.of(new ModuleDependency("m", 1, 3, 3))));
    }

    @Test
    void aWrongVersionIsNotUsed() {
        byte[] v2 = SAMPLE.clone();
        v2[0] = 2;
        assertTrue(assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("/boot/kernel/linker.hints", v2))
                .getMessage().contains("/boot/kernel/linker.hints has version 2; FreeBSD's loader reads only version 1"));
    }

    @Test
    void everyTruncationIsRefusedNotMisread() {
        for (int length = 0; length < SAMPLE.length; length++) {
            if (length == 32 || length == 56) {
                continue; // record boundaries: a shorter but well-formed file
            }
            byte[] cut = Arrays.copyOf(SAMPLE, length);
            assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", cut), "length " + length);
        }
    }

    @Test
    void aRecordLengthPastTheEndOrTooShortIsRefused() {
        byte[] long_ = SAMPLE.clone();
        long_[4] = 100;
        assertTrue(assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", long_)).getMessage()
                .contains("the record at offset 4 says it is 100 bytes, 80 remain"));
        byte[] negative = SAMPLE.clone();
        negative[7] = (byte) 0x80;
        assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", negative));
        byte[] zero = SAMPLE.clone();
        zero[4] = 0;
        assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", zero));
    }

    @Test
    void aNameRunningPastItsRecordIsRefused() {
        byte[] name = SAMPLE.clone();
        name[12] = 30; // "zfs" claims 30 bytes in a 24-byte record
        assertTrue(assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", name)).getMessage()
                .contains("the MDT_VERSION record at offset 4 ends inside its fields"));
    }

    @Test
    void tooSmallOrTooLargeFilesAreNotRead() {
        assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", bytes(1, 0, 0, 0)));
        byte[] big = new byte[LinkerHints.MAX_SIZE + 1];
        big[0] = 1;
        assertThrows(LinkerHints.Unusable.class, () -> LinkerHints.parse("h", big));
    }

    @Test
    void aRecordOfAnotherTypeMayHoldNothingButItsType() throws Exception {
        // The smallest file the loader reads: the version, then a 4-byte record holding only MDT_MODULE.
        assertEquals(List.of(), LinkerHints.parse("h", bytes(1, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0)).versions());
    }

    /** A linker.hints of MDT_VERSION records "module:version:file", laid out as the class comment says. */
    static byte[] hintsOf(String... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, 1);
        for (String r : records) {
            String[] f = r.split(":");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeInt(body, 3);
            writeString(body, f[0]);
            while (body.size() % 4 != 0) {
                body.write(0);
            }
            writeInt(body, Integer.parseInt(f[1]));
            writeString(body, f[2]);
            while (body.size() % 4 != 0) {
                body.write(0);
            }
            writeInt(out, body.size());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        out.write(s.length());
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
