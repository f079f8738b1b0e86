package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FdtTest {

    private static Fdt board() throws FdtException {
        return Fixtures.fdt("board.dtb");
    }

    private static FdtProperty cells(String name, long... cells) {
        ByteBuffer value = ByteBuffer.allocate(4 * cells.length);
        for (long c : cells) {
            value.putInt((int) c);
        }
        return new FdtProperty(name, value.array());
    }

    @Test
    void findsNodesByPathWithOrWithoutUnitAddress() throws FdtException {
        Fdt fdt = board();
        assertEquals("cpu@1", fdt.node("/cpus/cpu@1").orElseThrow().name());
        assertEquals("pl011@9000000", fdt.node("/pl011").orElseThrow().name());
        assertEquals("", fdt.node("/").orElseThrow().name());
        assertEquals("secmon@7e000000", fdt.node("/reserved-memory/secmon/").orElseThrow().name());
        // Two cpu@N and two memory@N: a name without unit address is ambiguous there.
        assertEquals(Optional.empty(), fdt.node("/cpus/cpu"));
        assertEquals(Optional.empty(), fdt.node("/memory"));
        assertEquals(Optional.empty(), fdt.node("/cpus/cpu@2"));
        assertEquals(Optional.empty(), fdt.node("/nothing/cpu@0"));
        assertThrows(IllegalArgumentException.class, () -> fdt.node("chosen"));
    }

    @Test
    void findsQemusOnlyMemoryNodeWithoutItsUnitAddress() throws FdtException {
        Fdt fdt = Fixtures.fdt("qemu-virt.dtb.gz");
        assertEquals("memory@40000000", fdt.node("/memory").orElseThrow().name());
        assertEquals(List.of(Range.ofSize(0x40000000L, 0x80000000L)), fdt.reg("/memory"));
    }

    @Test
    void readsTypedProperties() throws FdtException {
        Fdt fdt = board();
        assertEquals(List.of("jkboot,test-board", "jkboot,test"),
                fdt.property("/", "compatible").orElseThrow().asStrings());
        assertEquals("jkboot test board", fdt.property("/", "model").orElseThrow().asString());
        assertEquals(2, fdt.property("/", "#size-cells").orElseThrow().asU32());
        assertEquals(0xbffd0018L, fdt.property("/chosen", "linux,uefi-system-table").orElseThrow().asU64());
        long[] reg = fdt.property("/memory@40000000", "reg").orElseThrow().asCells();
        assertEquals(12, reg.length);
        assertEquals(0x80000000L, reg[9]);
    }

    @Test
    void decodesRegWithTheParentsCells() throws FdtException {
        Fdt fdt = board();
        // /cpus has #address-cells 1, #size-cells 0: one cell per entry, no size.
        assertEquals(List.of(new Range(1, 1)), fdt.reg("/cpus/cpu@1"));
        assertEquals(List.of(Range.ofSize(0x9000000, 0x1000)), fdt.reg("/pl011"));
        assertEquals(List.of(), fdt.reg("/chosen"));
        FdtException missing = assertThrows(FdtException.class, () -> fdt.reg("/nothing"));
        assertTrue(missing.getMessage().contains("/nothing"), missing.getMessage());
    }

    @Test
    void regRefusesWhatDoesNotFitItsCells() throws FdtException {
        Fdt fdt = board();
        Fdt odd = fdt.withProperty("/pl011", new FdtProperty("reg", new byte[12]));
        FdtException e = assertThrows(FdtException.class, () -> odd.reg("/pl011@9000000"));
        assertEquals("/pl011@9000000: property reg has 3 cells, not a whole number of 4-cell entries"
                + " (#address-cells 2, #size-cells 2 of the parent)", e.getMessage());
        Fdt wide = fdt.withProperty("/", FdtProperty.ofU32("#address-cells", 3));
        e = assertThrows(FdtException.class, () -> wide.reg("/pl011"));
        assertEquals("/pl011@9000000: the parent's #address-cells is 3; jkboot reads reg with 1 to 2 cells",
                e.getMessage());
        Fdt wraps = fdt.withProperty("/pl011", cells("reg", 0xffffffffL, 0xfffff000L, 0, 0x2000));
        e = assertThrows(FdtException.class, () -> wraps.reg("/pl011"));
        assertTrue(e.getMessage().contains("run past 2^64"), e.getMessage());
    }

    @Test
    void memoryIsTheEnabledDeviceTypeMemoryNodesNonEmptyRanges() throws FdtException {
        // memory@100000000 is disabled, notmemory@200000000 has another device_type, and the
        // second range of memory@40000000 is empty.
        assertEquals(List.of(Range.ofSize(0x40000000L, 0x40000000L), Range.ofSize(0x880000000L, 0x20000000L)),
                board().memory());
    }

    @Test
    void reservedMemoryListsStaticEnabledRegionsWithNoMap() throws FdtException {
        assertEquals(List.of(
                        new ReservedRegion("/reserved-memory/secmon@7e000000", Range.ofSize(0x7e000000L, 0x200000), true),
                        new ReservedRegion("/reserved-memory/ramoops@7f000000", Range.ofSize(0x7f000000L, 0x100000), false)),
                board().reservedMemory());
        assertEquals(List.of(), Fixtures.fdt("qemu-virt.dtb.gz").reservedMemory());
    }

    @Test
    void chosenOfTheEfiStubsBlob() throws FdtException {
        Chosen chosen = Fixtures.fdt("sysfs-uefi-acpi.dtb").chosen();
        assertEquals(OptionalLong.of(0xbffd0018L), chosen.uefiSystemTable());
        assertEquals(OptionalLong.of(0xbc43d9c0L), chosen.uefiMmapStart());
        assertEquals(OptionalLong.of(0x5a0), chosen.uefiMmapSize());
        assertEquals(OptionalLong.of(0x30), chosen.uefiMmapDescSize());
        assertEquals(OptionalLong.of(1), chosen.uefiMmapDescVersion());
        assertEquals(Optional.of("console=ttyAMA0 panic=-1 quiet initrd=initrd"), chosen.bootargs());
        assertEquals(Optional.empty(), chosen.stdoutPath());
        assertEquals(Optional.empty(), chosen.initrd());
        assertEquals(List.of(), Fixtures.fdt("sysfs-uefi-acpi.dtb").memory());
    }

    @Test
    void chosenOfADirectlyBootedQemu() throws FdtException {
        Fdt fdt = Fixtures.fdt("sysfs-direct.dtb.gz");
        Chosen chosen = fdt.chosen();
        assertEquals(Optional.of(new Range(0x48000000L, 0x480f12b7L)), chosen.initrd());
        assertEquals(Optional.of("/pl011@9000000"), chosen.stdoutPath());
        assertEquals(OptionalLong.empty(), chosen.uefiSystemTable());
        assertEquals(List.of(Range.ofSize(0x40000000L, 0x80000000L)), fdt.memory());
    }

    @Test
    void chosenMixesCellCountsForTheInitrd() throws FdtException {
        Chosen chosen = board().chosen();
        assertEquals(Optional.of(new Range(0x48000000L, 0x48123456L)), chosen.initrd());
        assertEquals(Optional.of("/pl011@9000000:115200n8"), chosen.stdoutPath());
        assertEquals(OptionalLong.of(0x5a0), chosen.uefiMmapSize());
        assertEquals(OptionalLong.empty(), chosen.uefiMmapStart());
    }

    @Test
    void chosenRefusesWrongSizesAndBackwardInitrds() throws FdtException {
        Fdt fdt = board();
        FdtException e = assertThrows(FdtException.class,
                () -> fdt.withProperty("/chosen", FdtProperty.ofU32("linux,uefi-mmap-start", 1)).chosen());
        assertEquals("/chosen: property linux,uefi-mmap-start is 4 bytes long; a u64 needs 8", e.getMessage());
        e = assertThrows(FdtException.class,
                () -> fdt.withProperty("/chosen", FdtProperty.ofU32("linux,initrd-end", 0x1000)).chosen());
        assertTrue(e.getMessage().startsWith("/chosen: linux,initrd-end 0x1000 lies below"), e.getMessage());
        assertFalse(e.fix().isEmpty());
    }

    @Test
    void noChosenMeansNothingChosen() throws FdtException {
        Fdt bare = Fdt.of(FdtNode.empty(""));
        assertEquals(Chosen.none(), bare.chosen());
        assertEquals(List.of(), bare.memory());
    }

    @Test
    void editsReturnModifiedCopies() throws FdtException {
        Fdt fdt = board();
        Fdt edited = fdt.withProperty("/chosen", FdtProperty.ofString("bootargs", "-s"))
                .withoutProperty("/pl011", "mac")
                .withNode("/", FdtNode.empty("extra").withProperty(FdtProperty.ofU32("x", 7)))
                .withNode("/cpus", FdtNode.empty("cpu@1"));
        assertEquals(Optional.of("-s"), edited.chosen().bootargs());
        assertEquals(Optional.empty(), edited.property("/pl011", "mac"));
        assertEquals(7, edited.property("/extra", "x").orElseThrow().asU32());
        assertEquals(List.of(), edited.node("/cpus/cpu@1").orElseThrow().properties());
        // The original is untouched, and so is what the edit did not reach.
        assertEquals(Optional.of("console=ttyAMA0 root=/dev/vda2"), fdt.chosen().bootargs());
        assertTrue(fdt.property("/pl011", "mac").isPresent());
        assertEquals(fdt.node("/reserved-memory"), edited.node("/reserved-memory"));
        assertThrows(IllegalArgumentException.class, () -> fdt.withProperty("/none", FdtProperty.ofU32("x", 1)));
    }

    @Test
    void editsKeepThePlacementButForgetTokenFacts() throws FdtException {
        Fdt fdt = Fixtures.fdt("sysfs-direct.dtb.gz");
        FdtLayout before = fdt.layout().orElseThrow();
        FdtLayout after = fdt.withoutProperty("/chosen", "kaslr-seed").layout().orElseThrow();
        assertEquals(List.of(), after.nopTokenIndexes());
        assertEquals(Map.of(), after.paddingByToken());
        assertFalse(before.paddingByToken().isEmpty());
        assertEquals(before.withoutTokenFacts(), after);
    }
}
