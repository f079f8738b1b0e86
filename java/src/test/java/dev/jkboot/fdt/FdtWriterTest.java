package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FdtWriterTest {

    private static Fdt withoutLayout(Fdt fdt) {
        return new Fdt(fdt.root(), fdt.reservations(), fdt.bootCpuidPhys(), Optional.empty());
    }

    @Test
    void writesATinyTreeByteForByte() throws FdtException {
        FdtNode root = FdtNode.empty("").withProperty(FdtProperty.ofU32("a", 1)).withChild(FdtNode.empty("n@1"));
        Fdt fdt = new Fdt(root, List.of(new MemoryReservation(0x1000, 0x2000)), 3, Optional.empty());
        String expected = ""
                // magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version, last_comp_version,
                // boot_cpuid_phys, size_dt_strings, size_dt_struct
                + "d00dfeed 00000076 00000048 00000074 00000028 00000011 00000010 00000003 00000002 0000002c"
                // reservation, terminator
                + "0000000000001000 0000000000002000 0000000000000000 0000000000000000"
                // BEGIN_NODE "", PROP len 4 nameoff 0 <1>, BEGIN_NODE "n@1", END_NODE, END_NODE, END
                + "00000001 00000000 00000003 00000004 00000000 00000001 00000001 6e403100"
                + "00000002 00000002 00000009"
                // strings: "a"
                + "6100";
        assertEquals(expected.replace(" ", ""), HexFormat.of().formatHex(FdtWriter.write(fdt)));
        assertEquals(fdt, withoutLayout(FdtReader.read(FdtWriter.write(fdt), "tiny")));
    }

    @Test
    void writesWhatDtcWritesWhenThereIsNoLayout() throws FdtException {
        byte[] dtc = Fixtures.bytes("board.dtb");
        assertArrayEquals(dtc, FdtWriter.write(withoutLayout(FdtReader.read(dtc, "board.dtb"))));
    }

    @Test
    void roundTripsEveryVersion17FixtureByteForByte() throws FdtException {
        for (String name : Fixtures.ALL) {
            if (name.equals("board-v16.dtb")) {
                continue;
            }
            byte[] blob = Fixtures.bytes(name);
            Fdt fdt = FdtReader.read(blob, name);
            byte[] written = FdtWriter.write(fdt);
            assertArrayEquals(blob, written, name);
            assertEquals(fdt, FdtReader.read(written, name), name);
        }
    }

    @Test
    void writesVersion16InputAsVersion17() throws FdtException {
        Fdt v16 = Fixtures.fdt("board-v16.dtb");
        byte[] written = FdtWriter.write(v16);
        assertEquals(17, ByteBuffer.wrap(written).getInt(20));
        assertEquals(16, ByteBuffer.wrap(written).getInt(24));
        assertEquals(v16.root(), FdtReader.read(written, "rewritten").root());
        assertArrayEquals(Fixtures.bytes("board.dtb"), written);
    }

    @Test
    void putsNopsBackWhereLinuxLeftThem() throws FdtException {
        byte[] blob = Fixtures.bytes("sysfs-direct.dtb.gz");
        byte[] written = FdtWriter.write(FdtReader.read(blob, "sysfs-direct"));
        assertArrayEquals(blob, written);
    }

    @Test
    void aTreeThatShrankKeepsItsPlacementAndFreeSpace() throws FdtException {
        Fdt qemu = Fixtures.fdt("qemu-virt.dtb.gz");
        Fdt smaller = qemu.withoutProperty("/chosen", "rng-seed");
        byte[] written = FdtWriter.write(smaller);
        assertEquals(1 << 20, written.length);
        Fdt reread = FdtReader.read(written, "smaller");
        assertEquals(smaller.root(), reread.root());
        assertEquals(qemu.layout().orElseThrow().structOffset(), reread.layout().orElseThrow().structOffset());
        assertEquals(qemu.layout().orElseThrow().stringsBlock(), reread.layout().orElseThrow().stringsBlock());
    }

    @Test
    void aTreeThatGrewIsPackedAndAppendsOnlyNewNames() throws FdtException {
        Fdt efi = Fixtures.fdt("sysfs-uefi-acpi.dtb");
        String originalStrings = efi.layout().orElseThrow().stringsBlock();
        Fdt grown = efi.withProperty("/chosen", FdtProperty.ofString("bootargs", "a much longer command line"))
                .withProperty("/chosen", FdtProperty.ofU64("linux,initrd-start", 0x48000000L))
                .withProperty("/chosen", FdtProperty.ofU64("linux,initrd-end", 0x49000000L));
        byte[] written = FdtWriter.write(grown);
        Fdt reread = FdtReader.read(written, "grown");
        assertEquals(grown.root(), reread.root());
        FdtLayout layout = reread.layout().orElseThrow();
        assertEquals(40, layout.memRsvOffset());
        assertEquals(40 + 16, layout.structOffset());
        assertEquals(written.length, layout.stringsOffset() + layout.stringsBlock().length());
        assertEquals(originalStrings + "linux,initrd-start\0linux,initrd-end\0", layout.stringsBlock());
    }

    @Test
    void stringsAreStoredOnceAndShareSuffixes() throws FdtException {
        FdtNode root = FdtNode.empty("")
                .withProperty(FdtProperty.ofU32("#address-cells", 2))
                .withChild(FdtNode.empty("a").withProperty(FdtProperty.ofU32("#address-cells", 1))
                        .withProperty(FdtProperty.ofU32("address-cells", 1))
                        .withProperty(FdtProperty.ofU32("cells", 1)));
        Fdt reread = FdtReader.read(FdtWriter.write(Fdt.of(root)), "suffixes");
        assertEquals("#address-cells\0", reread.layout().orElseThrow().stringsBlock());
        assertEquals(root, reread.root());
    }

    @Test
    void aLayoutThatDoesNotMatchTheTreeStillGivesAValidBlob() throws FdtException {
        FdtNode root = FdtNode.empty("").withProperty(FdtProperty.ofString("model", "m"));
        // A NOP beyond the last token (written before FDT_END, token 3), offsets too small to reuse.
        FdtLayout stale = new FdtLayout(64, 40, 56, 60, "x\0", List.of(0, 99), Map.of(0, 0x0a0b0c, 1, 0x0d));
        byte[] written = FdtWriter.write(new Fdt(root, List.of(), 0, Optional.of(stale)));
        Fdt reread = FdtReader.read(written, "stale");
        assertEquals(root, reread.root());
        assertEquals(List.of(0, 3), reread.layout().orElseThrow().nopTokenIndexes());
        assertEquals(Map.of(0, 0x0a0b0c, 1, 0x0d), reread.layout().orElseThrow().paddingByToken());
        assertEquals("x\0model\0", reread.layout().orElseThrow().stringsBlock());
    }
}
