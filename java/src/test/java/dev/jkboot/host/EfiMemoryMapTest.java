package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jkboot.mem.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EfiMemoryMapTest {
    /**
     * Two 48-byte descriptors as EDK2 writes them (8 bytes of padding after the 40 defined):
     * ConventionalMemory 0x40000000, 0x3bc00 pages, WC|WT|WB|UC;
     * RuntimeServicesData 0x7bc00000 (virt 0xfffffe0000200000), 0x10 pages, WB|RUNTIME.
     */
    static final byte[] TWO = Hex.bytes("""
            07000000 00000000 0000004000000000 0000000000000000 00bc030000000000 0f00000000000000
            0000000000000000
            06000000 00000000 0000c07b00000000 0000200000feffff 1000000000000000 0800000000000080
            0000000000000000
            """);

    @Test
    void decodesDescriptorsAtTheirStride() throws HostException {
        EfiMemoryMap map = EfiMemoryMap.decode(TWO, 48, 1, "map");
        assertEquals(List.of(
                new EfiMemoryDescriptor(7, 0x4000_0000L, 0, 0x3bc00, 0xf),
                new EfiMemoryDescriptor(6, 0x7bc0_0000L, 0xffff_fe00_0020_0000L, 0x10,
                        0x8000_0000_0000_0008L)), map.descriptors());
        assertArrayEquals(TWO, map.bytes());
        EfiMemoryDescriptor conventional = map.descriptors().get(0);
        assertEquals("ConventionalMemory", conventional.typeName());
        assertEquals(new Range(0x4000_0000L, 0x7bc0_0000L), conventional.range());
        assertEquals(List.of("UC", "WC", "WT", "WB"), conventional.attributeNames());
        assertEquals("RuntimeServicesData", map.descriptors().get(1).typeName());
        assertEquals(List.of("WB", "RUNTIME"), map.descriptors().get(1).attributeNames());
    }

    @Test
    void theMapKeepsItsOwnCopyOfTheBytes() throws HostException {
        byte[] bytes = TWO.clone();
        EfiMemoryMap map = EfiMemoryMap.decode(bytes, 48, 1, "map");
        bytes[0] = 9;
        map.bytes()[0] = 9;
        assertEquals(7, map.bytes()[0]);
    }

    @Test
    void unknownTypesAndAttributeBitsShowInHex() {
        assertEquals("type 0x70000001", EfiMemoryType.nameOf(0x7000_0001L));
        assertEquals(List.of("0x400000"),
                new EfiMemoryDescriptor(0, 0, 0, 0, 0x40_0000L).attributeNames());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            version 2        | 96 | 48 | 2 | map: the UEFI memory map has descriptor version 2, not 1
            descriptor 24    | 96 | 24 | 1 | map: the UEFI memory map has descriptor size 24, outside 40..4096
            huge descriptor  | 96 | 8192 | 1 | map: the UEFI memory map has descriptor size 8192, outside 40..4096
            not a multiple   | 100 | 48 | 1 | map: the UEFI memory map has map size 100 is not a multiple of the descriptor size 48
            empty            | 0 | 48 | 1 | map: the UEFI memory map has map size 0, outside 1..1048576
            too big          | 2097152 | 48 | 1 | map: the UEFI memory map has map size 2097152, outside 1..1048576
            """)
    void badLayoutsAreRefused(String name, long size, long descSize, long version, String expected) {
        assertEquals(expected, assertThrows(HostException.class,
                () -> EfiMemoryMap.checkLayout(size, descSize, version, "map")).getMessage());
    }

    @Test
    void badDescriptorsAreRefusedWithTheirIndex() {
        byte[] unaligned = TWO.clone();
        unaligned[48 + 8] = 0x10;
        assertEquals("map: UEFI memory descriptor 1 (offset 48): physical start 0x7bc00010 is not a "
                + "4 KiB-aligned physical address", assertThrows(HostException.class,
                        () -> EfiMemoryMap.decode(unaligned, 48, 1, "map")).getMessage());
        byte[] endless = TWO.clone();
        endless[24 + 7] = 0x7f;
        assertEquals("map: UEFI memory descriptor 0 (offset 0): 0x7f0000000003bc00 pages from "
                + "0x40000000 run past the end of the address space", assertThrows(HostException.class,
                        () -> EfiMemoryMap.decode(endless, 48, 1, "map")).getMessage());
    }
}
