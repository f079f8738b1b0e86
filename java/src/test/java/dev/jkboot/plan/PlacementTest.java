package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.TestResources;
import dev.jkboot.ExitStatus;
import dev.jkboot.host.IomemParser;
import dev.jkboot.host.RamMap;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging address: the first aligned hole of usable RAM, keep-outs taken out before choosing. */
class PlacementTest {
    private static final long ALIGN = 2 * Align.MIB;
    /** Captured from a UEFI VM with crashkernel=256M, reservations as Linux lists them. */
    private static final String UEFI_IOMEM = TestResources.text("/iomem/uefi-crashkernel.txt");

    private static TargetMemory memory(List<TargetMemory.KeepOut> keepOut) throws Exception {
        RamMap ram = RamMap.fromIomem(IomemParser.parse(UEFI_IOMEM, "iomem"), "iomem");
        return new TargetMemory(ram.systemRam(), ram.usable(), keepOut);
    }

    private static TargetMemory.KeepOut keepOut(long start, long end) {
        return new TargetMemory.KeepOut(new Range(start, end), "test reservation");
    }

    @Test
    void theFirstAlignedHoleWithRoomWinsAndCarveoutsAreSkipped() throws Exception {
        TargetMemory m = memory(List.of());
        // 0x40000000 has 22.25 MiB before the first reservation: too small for 64 MiB.
        // 0x41a40000 rounds up to 0x41c00000, 100 MiB before 0x48000000: enough.
        StagingArea staging = Placement.find(m, StagingArea.KBOOT_SIZE, ALIGN);
        assertEquals(0x41c0_0000L, staging.address());
        assertEquals(new Range(0x41a4_0000L, 0x4800_0000L), staging.hole());
        assertEquals(0x4800_0000L - 0x41c0_0000L, staging.room());
        assertEquals(0x4000_0000L, Placement.find(m, 16 * Align.MIB, ALIGN).address());
        assertEquals(0x6000_0000L, Placement.find(m, Align.GIB, ALIGN).address(), "1 GiB fits only after the crash kernel");
    }

    @Test
    void aFitEndingExactlyAtTheHolesEndIsTakenAndOneByteMoreIsNot() throws Exception {
        TargetMemory m = memory(List.of());
        long firstHoleRoom = 0x4164_0000L - 0x4000_0000L;
        assertEquals(0x4000_0000L, Placement.find(m, firstHoleRoom, ALIGN).address());
        assertEquals(0x41c0_0000L, Placement.find(m, firstHoleRoom + 1, ALIGN).address());
    }

    @Test
    void aKeepOutInTheFirstHoleMovesTheImageToTheNextHoleThatFits() throws Exception {
        // A memory reservation in the first hole leaves 10 MiB before it and 10.25 MiB from the next 2 MiB after it.
        TargetMemory m = memory(List.of(keepOut(0x40a0_0000L, 0x40b0_0000L)));
        assertEquals(0x4000_0000L, Placement.find(m, 10 * Align.MIB, ALIGN).address());
        assertEquals(0x40c0_0000L, Placement.find(m, 10 * Align.MIB + 0x30000, ALIGN).address(),
                "the piece after the reservation, from its first 2 MiB boundary");
        assertEquals(0x41c0_0000L, Placement.find(m, 16 * Align.MIB, ALIGN).address(),
                "16 MiB fitted the first hole before; with the reservation it goes to the next");
    }

    @Test
    void aKeepOutCoveringTheWholeFirstHoleIsNeverUsed() throws Exception {
        TargetMemory m = memory(List.of(keepOut(0x4000_0000L, 0x4164_0000L)));
        StagingArea s = Placement.find(m, Align.MIB, ALIGN);
        assertEquals(0x41c0_0000L, s.address());
    }

    @Test
    void keepOutsThatAreNotPageAlignedCostTheirWholePages() throws Exception {
        // Keep-out ends 0x10 past a page: the hole after it starts at the next page, not mid-page.
        List<Range> holes = Placement.holes(memory(List.of(keepOut(0x4000_0000L, 0x4000_1010L))));
        assertEquals(new Range(0x4000_2000L, 0x4164_0000L), holes.get(0));
        List<Range> before = Placement.holes(memory(List.of(keepOut(0x4100_0ff0L, 0x4164_0000L))));
        assertEquals(new Range(0x4000_0000L, 0x4100_0000L), before.get(0));
    }

    @Test
    void noRoomIsAPlanErrorNamingTheLargestHoleAndTheKeepOuts() throws Exception {
        TargetMemory m = memory(List.of(keepOut(0x6000_0000L, 0x6000_1000L)));
        PlanException e = assertThrows(PlanException.class, () -> Placement.find(m, 2 * Align.GIB, ALIGN));
        assertEquals(ExitStatus.PLAN, e.exitStatus());
        assertEquals("no usable RAM range has 2048 MiB free at a 2 MiB-aligned address: the largest hole is "
                + "[0x60001000, 0xb8000000), 1406 MiB from its first 2 MiB boundary (kept out: test reservation "
                + "[0x60000000, 0x60001000))", e.getMessage());
        assertTrue(e.fix().contains("crashkernel="));
    }

    @Test
    void aHoleSmallerThanItsAlignmentGapHasNoRoom() {
        TargetMemory m = new TargetMemory(List.of(new Range(0x4010_0000L, 0x4020_0000L)),
                List.of(new Range(0x4010_0000L, 0x4020_0000L)), List.of());
        PlanException e = assertThrows(PlanException.class, () -> Placement.find(m, Align.PAGE, ALIGN));
        assertTrue(e.getMessage().endsWith("[0x40100000, 0x40200000), 0 B from its first 2 MiB boundary"),
                e.getMessage());
    }

    @Test
    void everyAnswerIsAlignedInsideUsableRamAndClearOfEveryKeepOut() throws Exception {
        List<TargetMemory.KeepOut> keepOuts = List.of(keepOut(0x4100_0000L, 0x4110_0000L),
                keepOut(0x6000_0000L, 0x6400_0000L), keepOut(0x9000_0123L, 0x9000_0456L));
        TargetMemory m = memory(keepOuts);
        for (long size = Align.MIB; size <= 700 * Align.MIB; size += 7 * Align.MIB) {
            StagingArea s = Placement.find(m, size, ALIGN);
            Range placed = Range.ofSize(s.address(), size);
            assertTrue(Align.isAligned(s.address(), ALIGN));
            assertTrue(m.usableRam().stream().anyMatch(r -> r.contains(placed)), placed::toString);
            assertTrue(keepOuts.stream().noneMatch(k -> k.range().overlaps(placed)), placed::toString);
        }
    }
}
