package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FdtReaderTest {

    @Test
    void readsTheBoardTreeDtcCompiled() throws FdtException {
        Fdt fdt = Fixtures.fdt("board.dtb");
        FdtNode root = fdt.root();
        assertEquals("", root.name());
        assertEquals(List.of("#address-cells", "#size-cells", "compatible", "model"),
                root.properties().stream().map(FdtProperty::name).toList());
        assertEquals(List.of("chosen", "cpus", "memory@40000000", "memory@100000000", "notmemory@200000000",
                        "reserved-memory", "pl011@9000000"),
                root.children().stream().map(FdtNode::name).toList());
        assertEquals(List.of(new MemoryReservation(0x48000000L, 0x10000),
                        new MemoryReservation(0xfffffffff0000000L, 0x1000)),
                fdt.reservations());
        assertEquals(0, fdt.bootCpuidPhys());
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55},
                fdt.property("/pl011@9000000", "mac").orElseThrow().value());
        assertTrue(fdt.property("/pl011@9000000", "dma-coherent").orElseThrow().isEmpty());
    }

    @Test
    void recordsWhereTheBlocksOfADtcBlobSit() throws FdtException {
        FdtLayout layout = Fixtures.fdt("board.dtb").layout().orElseThrow();
        // dtc: header, reservations (2 entries and the terminator) from 0x28, structure, strings, no slack.
        assertEquals(0x28, layout.memRsvOffset());
        assertEquals(0x28 + 3 * 16, layout.structOffset());
        assertEquals(0x50c, layout.stringsOffset());
        assertEquals(0x5e9, layout.totalSize());
        assertTrue(layout.stringsBlock().startsWith("#address-cells\0#size-cells\0compatible\0model\0"));
        assertEquals(List.of(), layout.nopTokenIndexes());
    }

    @Test
    void recordsQemusLibfdtLayoutWithItsFreeSpace() throws FdtException {
        FdtLayout layout = Fixtures.fdt("qemu-virt.dtb.gz").layout().orElseThrow();
        // libfdt's fdt_create puts the reservations at 48 (16-byte aligned), leaving 8 bytes unused.
        assertEquals(0x30, layout.memRsvOffset());
        assertEquals(0x40, layout.structOffset());
        assertEquals(1 << 20, layout.totalSize());
        // Token 2 is the root's model = "linux,dummy-virt": 17 bytes, then stale padding 00 00 02.
        assertEquals(Integer.valueOf(2), layout.paddingByToken().get(2));
    }

    @Test
    void remembersTheNopsLinuxLeavesWhereRngSeedWas() throws FdtException {
        Fdt fdt = Fixtures.fdt("sysfs-direct.dtb.gz");
        // fdt_nop_property turns rng-seed (32 bytes) into 3 + 8 NOP tokens.
        List<Integer> nops = fdt.layout().orElseThrow().nopTokenIndexes();
        assertEquals(11, nops.size());
        assertEquals(1, nops.stream().distinct().count());
        assertEquals(Optional.empty(), fdt.property("/chosen", "rng-seed"));
        assertTrue(fdt.layout().orElseThrow().stringsBlock().contains("\0rng-seed\0"));
    }

    @Test
    void readsVersion16LikeVersion17() throws FdtException {
        Fdt v16 = Fixtures.fdt("board-v16.dtb");
        Fdt v17 = Fixtures.fdt("board.dtb");
        assertEquals(v17.root(), v16.root());
        assertEquals(v17.reservations(), v16.reservations());
    }

    @Test
    void readsEveryFixture() throws FdtException {
        for (String name : Fixtures.ALL) {
            Fdt fdt = Fixtures.fdt(name);
            assertTrue(fdt.node("/chosen").isPresent(), name);
        }
    }
}
