package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.TestImages;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules the planner satisfies by construction (at most 16 segments, page aligned, sorted) are still
 * checked before kexec_load, as a last line of defence: these plans are built by hand to break them.
 */
class PlanValidatorTest {
    private static KexecPlan valid() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), PlannerTest.EFI_SRC);
        return Planner.plan(img, PlannerTest.STAGING, PlannerTest.RAM, PlannerTest.target(), TrampolineOptions.silent());
    }

    private static List<PlanRule> broken(KexecPlan p) {
        PlanException e = assertThrows(PlanException.class,
                () -> PlanValidator.check(p, PlannerTest.RAM));
        return e.violations().stream().map(PlanException.Violation::rule).distinct().toList();
    }

    private static KexecPlan withSegments(KexecPlan p, List<KexecSegment> segments) {
        return new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), p.trampoline(), segments);
    }

    @Test
    void seventeenSegmentsAreRefused() throws Exception {
        KexecPlan p = valid();
        List<KexecSegment> segs = new ArrayList<>(p.segments());
        for (int i = 0; i < 16; i++) {
            segs.add(new KexecSegment(0x50000000L + 0x10000L * i, 0x1000, 0, List.of()));
        }
        assertEquals(List.of(PlanRule.SEGMENT_COUNT), broken(withSegments(p, segs)));
    }

    @Test
    void misalignedOrOverlappingSegmentsAreRefused() throws Exception {
        KexecPlan p = valid();
        KexecSegment first = p.segments().get(0);
        KexecSegment odd = new KexecSegment(first.mem(), first.memsz() + 0x10, first.bufsz(), first.pieces());
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), broken(withSegments(p, List.of(odd))));
        KexecSegment overlap = new KexecSegment(first.end() - 0x1000, 0x2000, 0,
                List.of(new KexecSegment.Piece("x", first.end() - 0x1000, ByteBuffer.allocate(0), 0x2000)));
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), broken(withSegments(p, List.of(first, overlap))));
    }

    @Test
    void aTrampolineAwayFromKernendIsRefused() throws Exception {
        KexecPlan p = valid();
        KexecPlan moved = new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys() - 0x1000, p.trampoline(), p.segments());
        assertEquals(List.of(PlanRule.ENTRY), broken(moved));
    }

    @Test
    void aCopyDestinationOutsideTheEfiMapRecordIsRefused() throws Exception {
        KexecPlan p = valid();
        TrampolineData t = p.trampoline();
        TrampolineData wrong = new TrampolineData(t.kernelEntryPhys(), t.modulepVirt(), t.memmapSourcePhys(),
                t.memmapDestinationPhys() + 8, t.memmapLength(), t.uartPhys());
        assertEquals(List.of(PlanRule.MEMMAP_COPY),
                broken(new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), wrong, p.segments())));
    }

    private static KexecPlan withUart(KexecPlan p, long uart) {
        TrampolineData t = p.trampoline();
        return new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), new TrampolineData(t.kernelEntryPhys(),
                t.modulepVirt(), t.memmapSourcePhys(), t.memmapDestinationPhys(), t.memmapLength(), uart),
                p.segments());
    }

    @Test
    void aUartInsideRamIsRefusedAndOneOutsideIsAccepted() throws Exception {
        KexecPlan p = valid();
        assertEquals(List.of(PlanRule.UART), broken(withUart(p, 0x7000_0000L)), "RAM, clear of the image");
        assertEquals(List.of(PlanRule.UART), broken(withUart(p, 0x3fff_f800L)), "its register page reaches into RAM");
        PlanValidator.check(withUart(p, 0x3fff_f000L), PlannerTest.RAM); // the page ends exactly where RAM starts
        PlanValidator.check(withUart(p, 0x0900_0000L), PlannerTest.RAM);
        PlanValidator.check(withUart(p, 0), PlannerTest.RAM);
    }

    @Test
    void aUartInsideTheImageIsNamedAsSuch() throws Exception {
        KexecPlan p = valid();
        PlanException e = assertThrows(PlanException.class,
                () -> PlanValidator.check(withUart(p, p.entryPhys()), PlannerTest.RAM));
        assertTrue(e.getMessage().contains("lies inside the image"), e.getMessage());
        assertTrue(e.getMessage().contains("lies inside RAM"), e.getMessage());
    }

    @Test
    void anIntegrityTableThatMissesABytesIsRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), PlannerTest.EFI_SRC);
        KexecPlan p = Planner.plan(img, PlannerTest.STAGING, PlannerTest.RAM, new dev.jkboot.boot.FreeBsdArm64(
                Trampoline.aarch64()), new TrampolineOptions(0, true, 0));
        List<IntegrityTable.Entry> entries = new ArrayList<>(p.trampoline().integrity().entries());
        IntegrityTable.Entry first = entries.remove(0);
        entries.add(0, new IntegrityTable.Entry(first.pa() + 0x1000, first.length() - 0x1000, first.crc32()));
        TrampolineData shorter = p.trampoline().withIntegrity(new IntegrityTable(entries), 0);
        PlanException e = assertThrows(PlanException.class, () -> PlanValidator.check(new KexecPlan(p.target(),
                p.image(), p.staging(), p.entryPhys(), shorter, p.segments()), PlannerTest.RAM));
        assertEquals(List.of(PlanRule.INTEGRITY), e.violations().stream().map(PlanException.Violation::rule).toList());
    }
}
