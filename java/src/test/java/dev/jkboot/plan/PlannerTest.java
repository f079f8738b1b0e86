package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.freebsd.Arm64;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.TestImages;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final long STAGING = 0x40200000L;
    static final long EFI_SRC = 0x7e000018L;
    static final Range RAM_RANGE = new Range(0x40000000L, 0x80000000L);
    static final TargetMemory RAM = new TargetMemory(List.of(RAM_RANGE), List.of(RAM_RANGE), List.of());

    /** FreeBSD arm64 with {@link #fakeTrampoline()}. */
    static Target target() {
        return new FreeBsdArm64(fakeTrampoline());
    }

    /** A trampoline shaped like the real one: 136 bytes, data block of six u64 from offset 48. */
    static Trampoline fakeTrampoline() {
        Properties p = new Properties();
        String[] fields = {"entry", "modulep", "memmap_src", "memmap_dst", "memmap_len", "uart"};
        for (int i = 0; i < fields.length; i++) {
            p.setProperty("data." + fields[i], Integer.toString(48 + 8 * i));
        }
        return new Trampoline(new byte[136], p);
    }

    @Test
    void aContiguousImageIsOneSegmentEndingWithTheTrampoline() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000), List.of(), EFI_SRC);
        KexecPlan plan = Planner.plan(img, STAGING, RAM, target(), TrampolineOptions.silent());
        assertEquals(1, plan.segments().size());
        KexecSegment s = plan.segments().get(0);
        assertEquals(STAGING, s.mem());
        long trampolinePa = STAGING + (img.kernendVa() - Arm64.KERNBASE);
        assertEquals(trampolinePa, plan.entryPhys());
        assertEquals(trampolinePa + Align.PAGE - STAGING, s.memsz());
        assertEquals(trampolinePa + 136 - STAGING, s.bufsz(), "buffer ends with the trampoline's last byte");
        assertEquals(STAGING + 0x800, plan.trampoline().kernelEntryPhys());
        assertEquals(img.modulepVa(), plan.trampoline().modulepVirt());
        assertEquals(EFI_SRC, plan.trampoline().memmapSourcePhys());
        assertEquals(plan.phys(img.efiMapCopyVa().orElseThrow()), plan.trampoline().memmapDestinationPhys());
        assertEquals(30 * 48, plan.trampoline().memmapLength());
    }

    @Test
    void trailingBssCostsNoBufferAndWholePageGapsSplitSegments() {
        List<KexecSegment.Piece> pieces = List.of(
                new KexecSegment.Piece("a", 0x1000, ByteBuffer.wrap(new byte[0x10]), 0x3000),
                new KexecSegment.Piece("b", 0x5000, ByteBuffer.wrap(new byte[0x20]), 0x20));
        List<KexecSegment> segs = Planner.segments(pieces);
        assertEquals(2, segs.size());
        assertEquals(new KexecSegment(0x1000, 0x3000, 0x10, List.of(pieces.get(0))), segs.get(0));
        assertEquals(0x5000, segs.get(1).mem());
        assertEquals(0x1000, segs.get(1).memsz());
        assertEquals(0x20, segs.get(1).bufsz());
    }

    @Test
    void moreThanSixteenRunsAreMergedAcrossTheSmallestGaps() {
        List<KexecSegment.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // gaps grow with i, so the first gaps are the ones merged
            long pa = 0x100000L * i + 0x1000L * i * i;
            pieces.add(new KexecSegment.Piece("p" + i, pa, ByteBuffer.wrap(new byte[8]), 8));
        }
        List<KexecSegment> segs = Planner.segments(pieces);
        assertEquals(16, segs.size());
        assertEquals(5, segs.get(0).pieces().size(), "the five closest pieces share the first segment");
        for (int i = 1; i < segs.size(); i++) {
            assertTrue(segs.get(i).mem() >= segs.get(i - 1).end());
        }
    }


    private static List<PlanRule> violations(BootImage img, long staging, TargetMemory mem) {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(img, staging, mem, target(), TrampolineOptions.silent()));
        assertTrue(e.getMessage().startsWith("the boot plan breaks"), e.getMessage());
        return e.violations().stream().map(PlanException.Violation::rule).toList();
    }

    @Test
    void misalignedStagingIsRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), EFI_SRC);
        assertEquals(List.of(PlanRule.STAGING_ALIGNED), violations(img, STAGING + 0x1000, RAM));
    }

    @Test
    void segmentsOutsideRamAreRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), EFI_SRC);
        TargetMemory small = new TargetMemory(List.of(new Range(0x40000000L, 0x40202000L)), List.of(new Range(0x40000000L, 0x40202000L)), List.of());
        assertEquals(List.of(PlanRule.INSIDE_RAM), violations(img, STAGING, small));
    }

    @Test
    void keepOutRangesAreRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), EFI_SRC);
        TargetMemory lpi = new TargetMemory(RAM.systemRam(), RAM.usableRam(),
                List.of(new TargetMemory.KeepOut(Range.ofSize(STAGING + 0x1000, 0x1000), "GIC LPI tables")));
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(img, STAGING, lpi, target(), TrampolineOptions.silent()));
        assertEquals(PlanRule.KEEP_OUT, e.violations().get(0).rule());
        assertTrue(e.getMessage().contains("GIC LPI tables"), e.getMessage());
    }

    @Test
    void anOverwrittenUefiMapSourceIsRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), STAGING + 0x8);
        assertEquals(List.of(PlanRule.MEMMAP_COPY), violations(img, STAGING, RAM));
    }

    @Test
    void metadataPastTheEarlyWindowIsRefused() throws Exception {
        // modulep is at KERNBASE + 8 KiB, so locore maps 6 MiB; a 6.4 MiB EFI map ends past it.
        BootImage img = dev.jkboot.freebsd.BootImageBuilder.build(TestImages.kernel(0x1000, 0x1000),
                Arm64.KERNBASE, List.of(), dev.jkboot.freebsd.KernelEnvironment.empty(), 0, java.util.Optional.empty(),
                new dev.jkboot.freebsd.MemoryDescription.Uefi(dev.jkboot.freebsd.EfiMapRecord.of(
                        48L * 140_000, 48, 1, java.util.Optional.empty(), EFI_SRC), 0));
        assertTrue(violations(img, STAGING, RAM).contains(PlanRule.EARLY_WINDOW));
    }

    @Test
    void imagesOverOneGibAreRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, Align.GIB), List.of(), 0x13e000018L);
        TargetMemory big = new TargetMemory(List.of(new Range(0x40000000L, 0x140000000L)), List.of(new Range(0x40000000L, 0x140000000L)), List.of());
        assertEquals(List.of(PlanRule.ONE_GIB), violations(img, STAGING, big));
    }

    @Test
    void aKernelEntryOutsideTheKernelIsRefused() throws Exception {
        BootImage ok = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), EFI_SRC);
        BootImage bad = new BootImage(ok.chunks(), ok.files(), ok.env(), ok.envVa(), ok.dtbVa(), ok.modulepVa(),
                ok.metadata(), ok.kernendVa(), Arm64.KERNBASE + 0x5000, ok.efiMap(), ok.efiMapCopyVa(),
                ok.kernelSymbols(), ok.dtbSize());
        assertEquals(List.of(PlanRule.ENTRY), violations(bad, STAGING, RAM));
    }

    /** The built trampoline, which has the integrity table. */
    private static Target realTarget() {
        return new FreeBsdArm64(Trampoline.aarch64());
    }

    @Test
    void theIntegrityTableChecksEveryByteKexecLoadsButTheTrampolinesOwn() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000), List.of(), EFI_SRC);
        KexecPlan plan = Planner.plan(img, STAGING, RAM, realTarget(), new TrampolineOptions(0, true, STAGING + 0x10));
        IntegrityTable table = plan.trampoline().integrity();
        long blob = realTarget().trampoline().size();
        long segmentBytes = plan.segments().stream().mapToLong(KexecSegment::memsz).sum();
        assertEquals(segmentBytes - blob, table.bytes());
        assertEquals(STAGING + 0x10, plan.trampoline().testCorruptPhys());
        // Each CRC, recomputed here from the segment bytes as kexec_load lays them out.
        for (IntegrityTable.Entry e : table.entries()) {
            KexecSegment s = plan.segments().stream().filter(x -> x.mem() <= e.pa() && e.pa() < x.end()).findFirst()
                    .orElseThrow();
            byte[] memory = new byte[(int) s.memsz()];
            for (KexecSegment.Piece p : s.pieces()) {
                p.data().duplicate().get(memory, (int) (p.pa() - s.mem()), p.data().remaining());
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(memory, (int) (e.pa() - s.mem()), (int) e.length());
            assertEquals((int) crc.getValue(), e.crc32(), () -> "range at 0x" + Long.toHexString(e.pa()));
        }
        assertTrue(table.entries().stream().noneMatch(e -> e.range().contains(plan.entryPhys())),
                "the trampoline's bytes are not checked");
    }

    @Test
    void withoutTheSwitchThereIsNoTableAndTheTestHookIsRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000), List.of(), EFI_SRC);
        KexecPlan plan = Planner.plan(img, STAGING, RAM, realTarget(), TrampolineOptions.silent());
        assertTrue(plan.trampoline().integrity().isEmpty());
        PlanException e = assertThrows(PlanException.class,
                () -> Planner.plan(img, STAGING, RAM, realTarget(), new TrampolineOptions(0, false, STAGING)));
        assertTrue(e.fix().contains("--check-integrity"), e.fix());
    }

    @Test
    void aTestHookOutsideTheCheckedRangesIsRefused() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000), List.of(), EFI_SRC);
        assertEquals(List.of(PlanRule.INTEGRITY), violationsWith(img, new TrampolineOptions(0, true, 0x7000_0000L)));
    }

    private static List<PlanRule> violationsWith(BootImage img, TrampolineOptions options) {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(img, STAGING, RAM, realTarget(), options));
        return e.violations().stream().map(PlanException.Violation::rule).toList();
    }
}
