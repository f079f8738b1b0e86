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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link PlanValidator} at its exact edge: the last value it accepts and the first it
 * refuses (a segment ending exactly at the end of RAM, an object ending exactly at the early
 * window's end, a span of exactly 1 GiB, 16 segments, half of MemTotal…), and each rule broken on its
 * own, so that deleting any one check lets a test fail. The plans are the planner's valid plan with
 * one thing changed by hand.
 */
class PlanValidatorBoundaryTest {
    private static final TargetMemory RAM = PlannerTest.RAM;

    private static KexecPlan valid() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), PlannerTest.EFI_SRC);
        return Planner.plan(img, PlannerTest.STAGING, RAM, PlannerTest.target(), TrampolineOptions.silent());
    }

    /** The valid plan without the UEFI map copy, so the image's VAs can move without breaking that rule. */
    private static KexecPlan validWithoutCopy() throws Exception {
        KexecPlan p = valid();
        TrampolineData t = p.trampoline();
        return with(p, new TrampolineData(t.kernelEntryPhys(), t.modulepVirt(), 0, 0, 0, 0));
    }

    private static List<PlanRule> rules(KexecPlan p, TargetMemory memory) {
        PlanException e = assertThrows(PlanException.class, () -> PlanValidator.check(p, memory));
        return e.violations().stream().map(PlanException.Violation::rule).distinct().toList();
    }

    private static List<PlanRule> rules(KexecPlan p) {
        return rules(p, RAM);
    }

    private static KexecPlan with(KexecPlan p, List<KexecSegment> segments) {
        return new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), p.trampoline(), segments);
    }

    private static KexecPlan with(KexecPlan p, TrampolineData t) {
        return new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), t, p.segments());
    }

    private static KexecPlan with(KexecPlan p, Target target) {
        return new KexecPlan(target, p.image(), p.staging(), p.entryPhys(), p.trampoline(), p.segments());
    }

    private static KexecPlan with(KexecPlan p, BootImage image) {
        return new KexecPlan(p.target(), image, p.staging(), p.entryPhys(), p.trampoline(), p.segments());
    }

    private static List<KexecSegment> plus(KexecPlan p, KexecSegment extra) {
        List<KexecSegment> segs = new ArrayList<>(p.segments());
        segs.add(extra);
        return segs;
    }

    private static KexecSegment bss(long mem, long memsz) {
        return new KexecSegment(mem, memsz, 0, List.of());
    }

    private static long end(KexecPlan p) {
        return p.segments().get(p.segments().size() - 1).end();
    }

    private static BootImage image(BootImage i, long envVa, long modulepVa, Optional<Long> dtbVa, long dtbSize,
                                   Optional<BootImage.SymbolArea> symbols, long kernendVa) {
        return new BootImage(i.chunks(), i.files(), i.env(), envVa, dtbVa, modulepVa, i.metadata(), kernendVa,
                i.kernelEntryVa(), i.efiMap(), i.efiMapCopyVa(), symbols, dtbSize);
    }

    /** FreeBSD arm64 with the test trampoline, but the early window's end and the span chosen by the test. */
    private record EdgeTarget(Target base, long windowEnd, long maxSpan) implements Target {
        EdgeTarget(long windowEnd) {
            this(PlannerTest.target(), windowEnd, PlannerTest.target().maxSpan());
        }

        @Override public String description() { return base.description(); }
        @Override public long kernbase() { return base.kernbase(); }
        @Override public long kernelAlignment() { return base.kernelAlignment(); }
        @Override public long maxSpan() { return maxSpan; }
        @Override public long earlyWindowEnd(long modulepVa) { return windowEnd; }
        @Override public Trampoline trampoline() { return base.trampoline(); }
        @Override public long kexecArchFlag() { return base.kexecArchFlag(); }
    }

    @Test
    void thePlannersPlanIsValid() throws Exception {
        PlanValidator.check(valid(), RAM);
        PlanValidator.check(validWithoutCopy(), RAM);
    }

    @Test
    void theStagingAddressMustHaveTheKernelsAlignment() throws Exception {
        KexecPlan p = valid();
        KexecPlan off = new KexecPlan(p.target(), p.image(), p.staging() + Align.PAGE, p.entryPhys(), p.trampoline(),
                p.segments());
        assertTrue(rules(off).contains(PlanRule.STAGING_ALIGNED), rules(off).toString());
    }

    @Test
    void sixteenSegmentsAreAcceptedAndSeventeenRefused() throws Exception {
        KexecPlan p = valid();
        List<KexecSegment> segs = new ArrayList<>(p.segments());
        for (int i = segs.size(); i < Planner.MAX_SEGMENTS; i++) {
            segs.add(bss(0x5000_0000L + 0x10000L * i, Align.PAGE));
        }
        assertEquals(16, segs.size());
        PlanValidator.check(with(p, segs), RAM);
        segs.add(bss(0x6000_0000L, Align.PAGE));
        assertEquals(List.of(PlanRule.SEGMENT_COUNT), rules(with(p, segs)));
    }

    @Test
    void eachShapeRuleOfASegmentIsCheckedOnItsOwn() throws Exception {
        KexecPlan p = valid();
        long at = 0x5000_0000L;
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), rules(with(p, plus(p, bss(at + 0x800, Align.PAGE)))),
                "start not page aligned");
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), rules(with(p, plus(p, bss(at, Align.PAGE + 0x800)))),
                "size not page aligned");
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), rules(with(p, plus(p, bss(at, 0)))), "empty");
        assertEquals(List.of(PlanRule.SEGMENT_PAGES),
                rules(with(p, plus(p, new KexecSegment(at, Align.PAGE, Align.PAGE + 1, List.of())))),
                "one buffer byte more than memory");
        assertEquals(List.of(PlanRule.SEGMENT_PAGES),
                rules(with(p, plus(p, new KexecSegment(at, Align.PAGE, -1, List.of())))), "negative buffer");
        // The edges that are fine: a buffer exactly as large as the segment, and none at all (bss).
        PlanValidator.check(with(p, plus(p, new KexecSegment(at, Align.PAGE, Align.PAGE, List.of()))), RAM);
        PlanValidator.check(with(p, plus(p, new KexecSegment(at, Align.PAGE, 0, List.of()))), RAM);
    }

    @Test
    void aSegmentMayStartExactlyWhereThePreviousEndsButNotBefore() throws Exception {
        KexecPlan p = valid();
        long end = end(p);
        PlanValidator.check(with(p, plus(p, bss(end, Align.PAGE))), RAM);
        KexecPlan overlapping = with(p, plus(p, bss(end - Align.PAGE, Align.PAGE)));
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), rules(overlapping));
        int n = p.segments().size();
        PlanException e = assertThrows(PlanException.class, () -> PlanValidator.check(overlapping, RAM));
        assertEquals("segment %d at 0x%x overlaps or precedes segment %d ending 0x%x"
                .formatted(n, end - Align.PAGE, n - 1, end), e.violations().get(0).detail());
        KexecSegment first = p.segments().get(0);
        List<KexecSegment> unsorted = new ArrayList<>(p.segments());
        unsorted.add(bss(first.mem() - 2 * Align.PAGE, Align.PAGE));
        assertEquals(List.of(PlanRule.SEGMENT_PAGES), rules(with(p, unsorted)), "a segment before the previous one");
    }

    @Test
    void aSegmentEndingExactlyAtTheEndOfRamIsInsideIt() throws Exception {
        KexecPlan p = validWithoutCopy();
        long start = p.segments().get(0).mem();
        long end = end(p);
        Range exact = new Range(start, end);
        PlanValidator.check(p, new TargetMemory(List.of(exact), List.of(exact), List.of()));
        Range shortAtEnd = new Range(start, end - Align.PAGE);
        assertEquals(List.of(PlanRule.INSIDE_RAM),
                rules(p, new TargetMemory(List.of(exact), List.of(shortAtEnd), List.of())));
        Range shortAtStart = new Range(start + Align.PAGE, end);
        assertEquals(List.of(PlanRule.INSIDE_RAM),
                rules(p, new TargetMemory(List.of(exact), List.of(shortAtStart), List.of())));
    }

    @Test
    void aSegmentMustLieInsideOneUsableRangeNotAcrossTwoThatTouch() throws Exception {
        KexecPlan p = validWithoutCopy();
        KexecSegment s = p.segments().get(0);
        assertTrue(s.memsz() > Align.PAGE, "the kernel segment spans several pages");
        long mid = s.mem() + Align.PAGE;
        TargetMemory split = new TargetMemory(RAM.systemRam(),
                List.of(new Range(0x4000_0000L, mid), new Range(mid, 0x8000_0000L)), List.of());
        assertEquals(List.of(PlanRule.INSIDE_RAM), rules(p, split));
        TargetMemory elsewhere = new TargetMemory(RAM.systemRam(), List.of(new Range(0x1_0000_0000L, 0x2_0000_0000L)),
                List.of());
        assertEquals(List.of(PlanRule.INSIDE_RAM), rules(p, elsewhere));
    }

    @Test
    void aKeepOutMayTouchASegmentButNotOverlapIt() throws Exception {
        KexecPlan p = validWithoutCopy();
        long start = p.segments().get(0).mem();
        long end = end(p);
        TargetMemory touching = new TargetMemory(RAM.systemRam(), RAM.usableRam(), List.of(
                new TargetMemory.KeepOut(new Range(start - Align.PAGE, start), "below"),
                new TargetMemory.KeepOut(new Range(end, end + Align.PAGE), "above")));
        PlanValidator.check(p, touching);
        TargetMemory lastByte = new TargetMemory(RAM.systemRam(), RAM.usableRam(), List.of(
                new TargetMemory.KeepOut(new Range(end - 1, end + Align.PAGE), "the last byte")));
        assertEquals(List.of(PlanRule.KEEP_OUT), rules(p, lastByte));
        TargetMemory firstByte = new TargetMemory(RAM.systemRam(), RAM.usableRam(), List.of(
                new TargetMemory.KeepOut(new Range(start - Align.PAGE, start + 1), "the first byte")));
        assertEquals(List.of(PlanRule.KEEP_OUT), rules(p, firstByte));
    }

    @Test
    void segmentsMayTakeExactlyHalfOfMemTotalAndNotAPageMore() throws Exception {
        KexecPlan p = validWithoutCopy();
        long total = p.totalBytes();
        assertEquals(0, total % Align.PAGE);
        PlanValidator.check(p, memTotal(2 * total));
        // The limit is rounded down to pages: a byte less than twice the segments leaves a page too few.
        assertEquals(List.of(PlanRule.HALF_RAM), rules(p, memTotal(2 * total - 1)));
        assertEquals(List.of(PlanRule.HALF_RAM), rules(p, memTotal(2 * total - 2 * Align.PAGE)));
        PlanValidator.check(p, memTotal(2 * total + 2 * Align.PAGE - 1));
        PlanValidator.check(p, RAM); // MemTotal unknown: no limit
    }

    private static TargetMemory memTotal(long bytes) {
        return new TargetMemory(RAM.systemRam(), RAM.usableRam(), RAM.keepOut(), OptionalLong.of(bytes));
    }

    @Test
    void kexecLimitIsHalfOfMemTotalInWholePages() {
        assertEquals(OptionalLong.empty(), RAM.kexecLimit());
        assertEquals(OptionalLong.of(0x4000_0000L), memTotal(0x8000_0000L).kexecLimit());
        assertEquals(OptionalLong.of(0x3fff_f000L), memTotal(0x7fff_ffffL).kexecLimit());
        assertEquals(OptionalLong.of(0x4000_0000L), memTotal(0x8000_1fffL).kexecLimit());
        assertEquals(OptionalLong.of(0), memTotal(0x1fffL).kexecLimit());
    }

    private record Objects(long metadataEnd, long envEnd) {
        static Objects of(BootImage i) {
            return new Objects(i.modulepVa() + i.metadata().size(), i.envVa() + i.env().encode().length);
        }

        long last() {
            return Math.max(metadataEnd, envEnd);
        }
    }

    @Test
    void theLastObjectMayEndExactlyAtTheEarlyWindowsEnd() throws Exception {
        KexecPlan p = validWithoutCopy();
        long last = Objects.of(p.image()).last();
        PlanValidator.check(with(p, new EdgeTarget(last)), RAM);
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, new EdgeTarget(last - 1))));
    }

    @Test
    void theEnvironmentAndTheMetadataAreEachCheckedAgainstTheWindow() throws Exception {
        KexecPlan p = with(validWithoutCopy(), new EdgeTarget(Arm64.KERNBASE + 0x1000_0000L));
        PlanValidator.check(p, RAM);
        BootImage i = p.image();
        long below = Arm64.KERNBASE - 0x10_0000L;
        BootImage envBelow = image(i, below, i.modulepVa(), i.dtbVa(), i.dtbSize(), i.kernelSymbols(), i.kernendVa());
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, envBelow)));
        BootImage metadataBelow = image(i, i.envVa(), below, i.dtbVa(), i.dtbSize(), i.kernelSymbols(), i.kernendVa());
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, metadataBelow)));
        long windowEnd = Arm64.KERNBASE + 0x1000_0000L;
        int envSize = i.env().encode().length;
        BootImage envAtEnd = image(i, windowEnd - envSize, i.modulepVa(), i.dtbVa(), i.dtbSize(), i.kernelSymbols(),
                i.kernendVa());
        PlanValidator.check(with(p, envAtEnd), RAM);
        BootImage envPastEnd = image(i, windowEnd - envSize + 1, i.modulepVa(), i.dtbVa(), i.dtbSize(),
                i.kernelSymbols(), i.kernendVa());
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, envPastEnd)));
        long metadataSize = i.metadata().size();
        BootImage metadataAtEnd = image(i, i.envVa(), windowEnd - metadataSize, i.dtbVa(), i.dtbSize(),
                i.kernelSymbols(), i.kernendVa());
        PlanValidator.check(with(p, metadataAtEnd), RAM);
        BootImage metadataPastEnd = image(i, i.envVa(), windowEnd - metadataSize + 1, i.dtbVa(), i.dtbSize(),
                i.kernelSymbols(), i.kernendVa());
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, metadataPastEnd)));
    }

    @Test
    void theDtbIsCheckedAgainstTheWindowFromKernbaseToItsEnd() throws Exception {
        long windowEnd = Arm64.KERNBASE + 0x1000_0000L;
        KexecPlan p = with(validWithoutCopy(), new EdgeTarget(windowEnd));
        BootImage i = p.image();
        long size = 0x2000;
        PlanValidator.check(with(p, image(i, i.envVa(), i.modulepVa(), Optional.of(windowEnd - size), size,
                i.kernelSymbols(), i.kernendVa())), RAM);
        PlanValidator.check(with(p, image(i, i.envVa(), i.modulepVa(), Optional.of(Arm64.KERNBASE), size,
                i.kernelSymbols(), i.kernendVa())), RAM);
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, image(i, i.envVa(), i.modulepVa(),
                Optional.of(windowEnd - size + 1), size, i.kernelSymbols(), i.kernendVa()))));
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, image(i, i.envVa(), i.modulepVa(),
                Optional.of(Arm64.KERNBASE - 1), size, i.kernelSymbols(), i.kernendVa()))));
    }

    @Test
    void theKernelSymbolsAreCheckedAgainstTheWindow() throws Exception {
        long windowEnd = Arm64.KERNBASE + 0x1000_0000L;
        KexecPlan p = with(validWithoutCopy(), new EdgeTarget(windowEnd));
        BootImage i = p.image();
        PlanValidator.check(with(p, image(i, i.envVa(), i.modulepVa(), i.dtbVa(), i.dtbSize(),
                Optional.of(new BootImage.SymbolArea(windowEnd - 0x3000, windowEnd)), i.kernendVa())), RAM);
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, image(i, i.envVa(), i.modulepVa(), i.dtbVa(),
                i.dtbSize(), Optional.of(new BootImage.SymbolArea(windowEnd - 0x3000, windowEnd + 1)), i.kernendVa()))));
        assertEquals(List.of(PlanRule.EARLY_WINDOW), rules(with(p, image(i, i.envVa(), i.modulepVa(), i.dtbVa(),
                i.dtbSize(), Optional.of(new BootImage.SymbolArea(Arm64.KERNBASE - 8, Arm64.KERNBASE + 8)),
                i.kernendVa()))));
    }

    @Test
    void theSpanFromKernbaseThroughTheTrampolineMayReachTheTargetsLimitExactly() throws Exception {
        KexecPlan p = validWithoutCopy();
        long span = p.image().kernendVa() + p.target().trampoline().size() - Arm64.KERNBASE;
        Target base = p.target();
        PlanValidator.check(with(p, new EdgeTarget(base, base.earlyWindowEnd(p.image().modulepVa()), span)), RAM);
        assertEquals(List.of(PlanRule.ONE_GIB),
                rules(with(p, new EdgeTarget(base, base.earlyWindowEnd(p.image().modulepVa()), span - 1))));
    }

    @Test
    void aTrampolineEndingExactlyOneGibAboveKernbaseIsAccepted() throws Exception {
        KexecPlan p = validWithoutCopy();
        assertEquals(Arm64.L2_TABLE_SPAN, p.target().maxSpan());
        int size = p.target().trampoline().size();
        TargetMemory big = new TargetMemory(List.of(new Range(0x4000_0000L, 0xc000_0000L)),
                List.of(new Range(0x4000_0000L, 0xc000_0000L)), List.of());
        for (long extra : new long[] {0, 1}) {
            long kernend = Arm64.KERNBASE + Arm64.L2_TABLE_SPAN - size + extra;
            BootImage i = image(p.image(), p.image().envVa(), p.image().modulepVa(), p.image().dtbVa(),
                    p.image().dtbSize(), p.image().kernelSymbols(), kernend);
            long entry = p.staging() + (kernend - Arm64.KERNBASE);
            long page = Align.down(entry, Align.PAGE);
            List<KexecSegment> segs = plus(p, new KexecSegment(page, Align.PAGE, entry + size - page, List.of()));
            KexecPlan far = new KexecPlan(p.target(), i, p.staging(), entry, p.trampoline(), segs);
            if (extra == 0) {
                PlanValidator.check(far, big);
            } else {
                assertTrue(rules(far, big).contains(PlanRule.ONE_GIB), rules(far, big).toString());
            }
        }
    }

    private static KexecPlan withEntry(KexecPlan p, long kernelEntryPhys) {
        TrampolineData t = p.trampoline();
        return with(p, new TrampolineData(kernelEntryPhys, t.modulepVirt(), t.memmapSourcePhys(),
                t.memmapDestinationPhys(), t.memmapLength(), t.uartPhys()));
    }

    @Test
    void theKernelEntryMayBeAnyByteOfTheKernelFromItsFirstToItsLast() throws Exception {
        KexecPlan p = valid();
        long start = p.phys(p.image().kernel().address());
        long end = p.phys(p.image().kernel().end());
        PlanValidator.check(withEntry(p, start), RAM);
        PlanValidator.check(withEntry(p, end - 1), RAM);
        assertEquals(List.of(PlanRule.ENTRY), rules(withEntry(p, start - 1)));
        assertEquals(List.of(PlanRule.ENTRY), rules(withEntry(p, end)));
    }

    @Test
    void theTrampolineMustLieInsideOneSegmentWhoseEdgesItMayTouch() throws Exception {
        KexecPlan p = valid();
        long entry = p.entryPhys();
        assertEquals(0, entry % Align.PAGE, "kernend is page aligned");
        // Its own segment, starting exactly at the trampoline.
        List<KexecSegment> split = new ArrayList<>();
        for (KexecSegment s : p.segments()) {
            if (s.mem() < entry && entry < s.end()) {
                split.add(new KexecSegment(s.mem(), entry - s.mem(), Math.min(s.bufsz(), entry - s.mem()), List.of()));
                split.add(new KexecSegment(entry, s.end() - entry, s.bufsz() - (entry - s.mem()), List.of()));
            } else {
                split.add(s);
            }
        }
        PlanValidator.check(with(p, split), RAM);
        // Without the segment that holds it.
        List<KexecSegment> without = new ArrayList<>(split.subList(0, split.size() - 1));
        assertEquals(List.of(PlanRule.ENTRY), rules(with(p, without)));
        // A trampoline that fills its segment to the last byte, and one that runs past it.
        int size = p.target().trampoline().size();
        assertTrue(size < Align.PAGE);
        KexecPlan pagePlan = with(p, new FreeBsdArm64(trampolineOfSize((int) Align.PAGE)));
        PlanValidator.check(with(pagePlan, split), RAM); // a trampoline of exactly one page fills its segment
        KexecPlan longer = with(p, new FreeBsdArm64(trampolineOfSize((int) Align.PAGE + 8)));
        assertEquals(List.of(PlanRule.ENTRY), rules(with(longer, split)));
    }

    /** The test trampoline's data layout in a blob of {@code size} bytes. */
    private static Trampoline trampolineOfSize(int size) {
        java.util.Properties p = new java.util.Properties();
        String[] fields = {"entry", "modulep", "memmap_src", "memmap_dst", "memmap_len", "uart"};
        for (int i = 0; i < fields.length; i++) {
            p.setProperty("data." + fields[i], Integer.toString(48 + 8 * i));
        }
        return new Trampoline(new byte[size], p);
    }

    private static KexecPlan withUart(KexecPlan p, long uart) {
        TrampolineData t = p.trampoline();
        return with(p, new TrampolineData(t.kernelEntryPhys(), t.modulepVirt(), t.memmapSourcePhys(),
                t.memmapDestinationPhys(), t.memmapLength(), uart));
    }

    @Test
    void aUartInsideTheImageButOutsideRamIsRefusedForTheImage() throws Exception {
        KexecPlan p = valid();
        // RAM (as far as the validator is told) is everything but the image's first page.
        Range ram = new Range(p.staging() + Align.PAGE, 0x8000_0000L);
        TargetMemory memory = new TargetMemory(List.of(ram), RAM.usableRam(), List.of());
        PlanException e = assertThrows(PlanException.class, () -> PlanValidator.check(withUart(p, p.staging()), memory));
        assertEquals(List.of(PlanRule.UART), e.violations().stream().map(PlanException.Violation::rule).toList());
        assertTrue(e.getMessage().contains("lies inside the image"), e.getMessage());
    }

    @Test
    void theUefiMapMayEndExactlyWhereASegmentStartsButNotOverlapIt() throws Exception {
        KexecPlan p = valid();
        TrampolineData t = p.trampoline();
        long firstSegment = p.segments().get(0).mem();
        long end = end(p);
        for (long src : new long[] {firstSegment - t.memmapLength(), end}) {
            PlanValidator.check(with(p, new TrampolineData(t.kernelEntryPhys(), t.modulepVirt(), src,
                    t.memmapDestinationPhys(), t.memmapLength(), 0)), RAM);
        }
        for (long src : new long[] {firstSegment - t.memmapLength() + 1, end - 1}) {
            assertEquals(List.of(PlanRule.MEMMAP_COPY), rules(with(p, new TrampolineData(t.kernelEntryPhys(),
                    t.modulepVirt(), src, t.memmapDestinationPhys(), t.memmapLength(), 0))));
        }
    }

    @Test
    void theCopyMustLandOnTheDescriptorsNotTheRecordHeader() throws Exception {
        KexecPlan p = valid();
        TrampolineData t = p.trampoline();
        for (long delta : new long[] {-8, -1, 1}) {
            assertEquals(List.of(PlanRule.MEMMAP_COPY), rules(with(p, new TrampolineData(t.kernelEntryPhys(),
                    t.modulepVirt(), t.memmapSourcePhys(), t.memmapDestinationPhys() + delta, t.memmapLength(), 0))));
        }
    }

    private static KexecPlan integrityPlan() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x1000, 0x1000), List.of(), PlannerTest.EFI_SRC);
        return Planner.plan(img, PlannerTest.STAGING, RAM, new FreeBsdArm64(Trampoline.aarch64()),
                new TrampolineOptions(0, true, 0));
    }

    private static KexecPlan withTable(KexecPlan p, List<IntegrityTable.Entry> entries, long hook) {
        return with(p, p.trampoline().withIntegrity(new IntegrityTable(entries), hook));
    }

    @Test
    void anIntegrityTableThatCoversTheTrampolineOrMemoryOutsideTheSegmentsIsRefused() throws Exception {
        KexecPlan p = integrityPlan();
        List<IntegrityTable.Entry> entries = p.trampoline().integrity().entries();
        assertTrue(entries.size() >= 1);
        long tramp = p.entryPhys();
        int size = p.target().trampoline().size();
        // Same byte count, but one range moved over the trampoline.
        IntegrityTable.Entry last = entries.get(entries.size() - 1);
        List<IntegrityTable.Entry> overTrampoline = new ArrayList<>(entries.subList(0, entries.size() - 1));
        List<IntegrityTable.Entry> lowered = new ArrayList<>(overTrampoline);
        overTrampoline.add(new IntegrityTable.Entry(tramp, last.length(), last.crc32()));
        assertTrue(new Range(tramp, tramp + last.length()).overlaps(Range.ofSize(tramp, size)));
        assertEquals(List.of(PlanRule.INTEGRITY), rules(withTable(p, overTrampoline, 0)));
        // Same byte count, but one range moved out of every segment.
        lowered.add(new IntegrityTable.Entry(0x5000_0000L, last.length(), last.crc32()));
        assertEquals(List.of(PlanRule.INTEGRITY), rules(withTable(p, lowered, 0)));
        PlanValidator.check(withTable(p, entries, 0), RAM);
    }

    @Test
    void theTestHookMustHitAByteTheTableChecks() throws Exception {
        KexecPlan p = integrityPlan();
        List<IntegrityTable.Entry> entries = p.trampoline().integrity().entries();
        IntegrityTable.Entry first = entries.get(0);
        PlanValidator.check(withTable(p, entries, first.pa()), RAM);
        PlanValidator.check(withTable(p, entries, first.pa() + first.length() - 1), RAM);
        assertEquals(List.of(PlanRule.INTEGRITY), rules(withTable(p, entries, p.entryPhys())));
        assertEquals(List.of(PlanRule.INTEGRITY), rules(withTable(p, entries, 0x5000_0000L)));
    }

    @Test
    void everyViolationIsReportedTogetherWithItsRule() throws Exception {
        KexecPlan p = valid();
        List<KexecSegment> segs = plus(p, bss(0x5000_0800L, Align.PAGE));
        KexecPlan broken = new KexecPlan(p.target(), p.image(), p.staging(), p.entryPhys(), p.trampoline(), segs);
        TargetMemory memory = new TargetMemory(RAM.systemRam(), RAM.usableRam(), List.of(
                new TargetMemory.KeepOut(new Range(0x5000_0000L, 0x5000_2000L), "a reservation")));
        List<PlanRule> found = rules(broken, memory);
        assertEquals(List.of(PlanRule.SEGMENT_PAGES, PlanRule.KEEP_OUT), found);
    }
}
