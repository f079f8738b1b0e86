package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.TestResources;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

class RamMapTest {
    /** Shaped like a 2 GiB QEMU virt guest under UEFI: runtime services cut System RAM in two. */
    static final String UEFI_IOMEM = TestResources.text("/iomem/uefi-crashkernel.txt");

    static RamMap map(String iomem) throws HostException {
        return RamMap.fromIomem(IomemParser.parse(iomem, "iomem"), "iomem");
    }

    @Test
    void usableRamIsSystemRamMinusAllButTheKernelImage() throws HostException {
        RamMap ram = map(UEFI_IOMEM);
        assertEquals(List.of(new Range(0x4000_0000L, 0xbbe7_0000L),
                new Range(0xbbf3_0000L, 0xc000_0000L)), ram.systemRam());
        assertEquals(List.of(
                new Range(0x4000_0000L, 0x4164_0000L), // Kernel code stays usable
                new Range(0x41a4_0000L, 0x4800_0000L), // so does Kernel data
                new Range(0x4b00_0000L, 0x5000_0000L),
                new Range(0x6000_0000L, 0xb800_0000L),
                new Range(0xb801_0000L, 0xbbe7_0000L),
                new Range(0xbbf4_0000L, 0xbfa0_0000L)), ram.usable());
        assertEquals(List.of(
                new Carveout(new Range(0x4164_0000L, 0x41a4_0000L), "reserved", CarveoutKind.RESERVED),
                new Carveout(new Range(0x4800_0000L, 0x4b00_0000L), "reserved", CarveoutKind.RESERVED),
                new Carveout(new Range(0x5000_0000L, 0x6000_0000L), "Crash kernel",
                        CarveoutKind.CRASH_KERNEL),
                new Carveout(new Range(0xb800_0000L, 0xb801_0000L), "ACPI Tables", CarveoutKind.ACPI),
                new Carveout(new Range(0xbbf3_0000L, 0xbbf4_0000L), "reserved", CarveoutKind.RESERVED),
                new Carveout(new Range(0xbfa0_0000L, 0xc000_0000L), "reserved", CarveoutKind.RESERVED)),
                ram.carveouts());
        assertEquals(List.of(new Range(0x4021_0000L, 0x4164_0000L),
                new Range(0x41a4_0000L, 0x41c6_0000L)), ram.runningKernel());
        assertEquals(List.of(new Range(0xbbe7_0000L, 0xbbf3_0000L)), ram.firmwareReserved());
        assertEquals(2 * Align.GIB - 0xc_0000L, ram.systemRamBytes());
        long carved = ram.carveouts().stream().mapToLong(c -> c.range().size()).sum();
        assertEquals(ram.systemRamBytes() - carved, ram.usableBytes());
    }

    @Test
    void adjacentSystemRamLinesMergeIntoOneHole() throws HostException {
        RamMap ram = map("""
                40000000-4fffffff : System RAM
                50000000-5fffffff : System RAM
                """);
        assertEquals(List.of(new Range(0x4000_0000L, 0x6000_0000L)), ram.usable());
        assertEquals(2, ram.systemRam().size());
    }

    @Test
    void noSystemRamIsAnError() {
        HostException e = assertThrows(HostException.class,
                () -> map("09000000-09000fff : pl011@9000000\n"));
        assertEquals("iomem: lists no \"System RAM\"", e.getMessage());
    }
}
