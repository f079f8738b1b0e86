package dev.jkboot.plan;

import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.List;

/** Checks a plan against every {@link PlanRule}; all violations are reported together. */
final class PlanValidator {
    private PlanValidator() {}

    static void check(KexecPlan plan, TargetMemory memory) throws PlanException {
        Target target = plan.target();
        List<PlanException.Violation> v = new ArrayList<>();
        BootImage image = plan.image();
        List<KexecSegment> segs = plan.segments();

        if (!Align.isAligned(plan.staging(), target.kernelAlignment())) {
            v.add(violation(PlanRule.STAGING_ALIGNED, "staging address 0x%x is not %s aligned", plan.staging(),
                    Align.human(target.kernelAlignment())));
        }
        if (segs.size() > Planner.MAX_SEGMENTS) {
            v.add(violation(PlanRule.SEGMENT_COUNT, "%d segments", segs.size()));
        }
        for (int i = 0; i < segs.size(); i++) {
            KexecSegment s = segs.get(i);
            if (!Align.isAligned(s.mem(), Align.PAGE) || !Align.isAligned(s.memsz(), Align.PAGE) || s.memsz() == 0
                    || s.bufsz() > s.memsz() || s.bufsz() < 0) {
                v.add(violation(PlanRule.SEGMENT_PAGES, "segment %d: mem 0x%x memsz 0x%x bufsz 0x%x", i, s.mem(),
                        s.memsz(), s.bufsz()));
            }
            if (i > 0 && s.mem() < segs.get(i - 1).end()) {
                v.add(violation(PlanRule.SEGMENT_PAGES, "segment %d at 0x%x overlaps or precedes segment %d ending 0x%x",
                        i, s.mem(), i - 1, segs.get(i - 1).end()));
            }
            Range r = new Range(s.mem(), s.end());
            if (!insideOne(memory.usableRam(), r)) {
                v.add(violation(PlanRule.INSIDE_RAM, "segment %d %s (%s) is not inside one usable RAM range %s", i, r,
                        s.contents(), memory.usableRam()));
            }
            for (TargetMemory.KeepOut k : memory.keepOut()) {
                if (k.range().overlaps(r)) {
                    v.add(violation(PlanRule.KEEP_OUT, "segment %d %s overlaps %s %s", i, r, k.why(), k.range()));
                }
            }
        }

        long total = plan.totalBytes();
        if (memory.kexecLimit().isPresent() && total > memory.kexecLimit().getAsLong()) {
            v.add(violation(PlanRule.HALF_RAM, "the segments take %s (%d bytes), Linux's MemTotal is %s: at most %s",
                    Align.human(total), total, Align.human(memory.linuxMemTotal().getAsLong()),
                    Align.human(memory.kexecLimit().getAsLong())));
        }

        Range window = new Range(target.kernbase(), target.earlyWindowEnd(image.modulepVa()));
        long metadataEnd = image.modulepVa() + image.metadata().size();
        checkInWindow(v, "metadata", image.modulepVa(), metadataEnd, window);
        checkInWindow(v, "environment", image.envVa(), image.envVa() + image.env().encode().length, window);
        // Ifs, not Optional.ifPresent lambdas: each lambda call site costs milliseconds at start-up under
        // emulation (issue 12).
        if (image.dtbVa().isPresent()) {
            long d = image.dtbVa().get();
            checkInWindow(v, "DTB", d, d + image.dtbSize(), window);
        }
        if (image.kernelSymbols().isPresent()) {
            BootImage.SymbolArea s = image.kernelSymbols().get();
            checkInWindow(v, "kernel symbols", s.startVa(), s.endVa(), window);
        }

        long span = image.kernendVa() + target.trampoline().size() - target.kernbase();
        if (span > target.maxSpan()) {
            v.add(violation(PlanRule.ONE_GIB, "the image spans %s from KERNBASE", Align.human(span)));
        }

        long entry = plan.trampoline().kernelEntryPhys();
        long kernelStart = plan.phys(image.kernel().address());
        if (entry < kernelStart || entry >= plan.phys(image.kernel().end())) {
            v.add(violation(PlanRule.ENTRY, "kernel entry 0x%x is outside the kernel at 0x%x..0x%x", entry, kernelStart,
                    plan.phys(image.kernel().end())));
        }
        if (plan.entryPhys() != plan.phys(image.kernendVa())
                || !KexecSegment.anyHolds(segs, Range.ofSize(plan.entryPhys(), target.trampoline().size()))) {
            v.add(violation(PlanRule.ENTRY, "trampoline at 0x%x is not at kernend inside a segment", plan.entryPhys()));
        }

        TrampolineData t = plan.trampoline();
        checkUart(v, t.uartPhys(), memory, new Range(plan.staging(), plan.entryPhys() + target.trampoline().size()));
        checkIntegrity(v, t, segs, Range.ofSize(plan.entryPhys(), target.trampoline().size()));
        if (t.memmapSourcePhys() != 0) {
            Range src = Range.ofSize(t.memmapSourcePhys(), t.memmapLength());
            Range dst = Range.ofSize(t.memmapDestinationPhys(), t.memmapLength());
            long recordData = plan.phys(image.modulepVa())
                    + image.metadata().kernelRecord(ModInfo.MD_EFI_MAP).dataOffset();
            Range record = Range.ofSize(recordData, ModInfo.EFI_MAP_HEADER_SIZE + t.memmapLength());
            if (!record.contains(dst) || dst.start() != recordData + ModInfo.EFI_MAP_HEADER_SIZE) {
                v.add(violation(PlanRule.MEMMAP_COPY, "copy destination %s is not the descriptor area of EFI_MAP %s",
                        dst, record));
            }
            for (KexecSegment s : segs) {
                if (src.overlaps(new Range(s.mem(), s.end()))) {
                    v.add(violation(PlanRule.MEMMAP_COPY, "Linux's UEFI map %s would be overwritten by segment 0x%x..0x%x "
                            + "before the trampoline copies it", src, s.mem(), s.end()));
                }
            }
        }
        if (!v.isEmpty()) {
            throw PlanException.of(v);
        }
    }

    private static void checkInWindow(List<PlanException.Violation> v, String what, long start, long end, Range window) {
        if (!window.contains(new Range(start, end))) {
            v.add(violation(PlanRule.EARLY_WINDOW, "%s at VA 0x%x..0x%x is not inside the kernel's early map %s", what,
                    start, end, window));
        }
    }

    /**
     * A table that misses a byte would let a changed kernel through; a test hook outside the
     * checked ranges would make the trampoline write to memory nobody checks, with the MMU off.
     */
    private static void checkIntegrity(List<PlanException.Violation> v, TrampolineData t, List<KexecSegment> segs,
                                       Range trampoline) {
        if (t.integrity().isEmpty()) {
            return;
        }
        long segmentBytes = KexecSegment.totalMemsz(segs) - trampoline.size();
        boolean insideSegments = true;
        for (IntegrityTable.Entry e : t.integrity().entries()) {
            insideSegments &= !e.range().overlaps(trampoline) && KexecSegment.anyHolds(segs, e.range());
        }
        if (!insideSegments || t.integrity().bytes() != segmentBytes) {
            v.add(violation(PlanRule.INTEGRITY, "the table checks %d bytes, the segments less the trampoline hold %d",
                    t.integrity().bytes(), segmentBytes));
        }
        if (t.testCorruptPhys() != 0 && !checks(t.integrity(), t.testCorruptPhys())) {
            v.add(violation(PlanRule.INTEGRITY, "test hook byte 0x%x is in no checked range", t.testCorruptPhys()));
        }
    }

    /**
     * The trampoline writes to its UART with the MMU off: an address inside RAM would scribble on
     * memory (perhaps on the image itself) instead of greeting. 0 means no UART.
     */
    private static void checkUart(List<PlanException.Violation> v, long uart, TargetMemory memory, Range image) {
        if (uart == 0) {
            return;
        }
        Range registers = Range.ofSize(uart, Align.PAGE);
        if (image.overlaps(registers)) {
            v.add(violation(PlanRule.UART, "UART 0x%x lies inside the image %s", uart, image));
        }
        for (Range ram : memory.systemRam()) {
            if (ram.overlaps(registers)) {
                v.add(violation(PlanRule.UART, "UART 0x%x lies inside RAM %s", uart, ram));
                break;
            }
        }
    }

    private static boolean insideOne(List<Range> ranges, Range r) {
        for (Range range : ranges) {
            if (range.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean checks(IntegrityTable table, long address) {
        for (IntegrityTable.Entry e : table.entries()) {
            if (e.range().contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static PlanException.Violation violation(PlanRule rule, String format, Object... args) {
        return new PlanException.Violation(rule, format.formatted(args));
    }
}
