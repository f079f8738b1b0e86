package dev.jkboot.plan;

import dev.jkboot.freebsd.Arm64;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.List;

/** Checks a plan against every {@link PlanRule}; all violations are reported together. */
final class PlanValidator {
    private PlanValidator() {}

    static void check(KexecPlan plan, TargetMemory memory, Trampoline trampoline) throws PlanException {
        List<PlanException.Violation> v = new ArrayList<>();
        BootImage image = plan.image();
        List<KexecSegment> segs = plan.segments();

        if (!Align.isAligned(plan.staging(), Arm64.KERNEL_ALIGN)) {
            v.add(violation(PlanRule.STAGING_ALIGNED, "staging address 0x%x is not 2 MiB aligned", plan.staging()));
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
            if (memory.usableRam().stream().noneMatch(ram -> ram.contains(r))) {
                v.add(violation(PlanRule.INSIDE_RAM, "segment %d %s (%s) is not inside one usable RAM range %s", i, r,
                        s.contents(), memory.usableRam()));
            }
            for (TargetMemory.KeepOut k : memory.keepOut()) {
                if (k.range().overlaps(r)) {
                    v.add(violation(PlanRule.KEEP_OUT, "segment %d %s overlaps %s %s", i, r, k.why(), k.range()));
                }
            }
        }

        long windowEnd = Arm64.earlyWindowEnd(image.modulepVa());
        long metadataEnd = image.modulepVa() + image.metadata().size();
        checkInWindow(v, "metadata", image.modulepVa(), metadataEnd, windowEnd);
        checkInWindow(v, "environment", image.envVa(), image.envVa() + image.env().encode().length, windowEnd);
        image.dtbVa().ifPresent(d -> checkInWindow(v, "DTB", d, d + image.dtbSize(), windowEnd));
        image.kernelSymbols().ifPresent(s -> checkInWindow(v, "kernel symbols", s.startVa(), s.endVa(), windowEnd));

        long span = image.kernendVa() + trampoline.size() - Arm64.KERNBASE;
        if (span > Arm64.L2_TABLE_SPAN) {
            v.add(violation(PlanRule.ONE_GIB, "the image spans %s from KERNBASE", Align.human(span)));
        }

        long entry = plan.trampoline().kernelEntryPhys();
        long kernelStart = plan.phys(image.kernel().address());
        if (entry < kernelStart || entry >= plan.phys(image.kernel().end())) {
            v.add(violation(PlanRule.ENTRY, "kernel entry 0x%x is outside the kernel at 0x%x..0x%x", entry, kernelStart,
                    plan.phys(image.kernel().end())));
        }
        if (plan.entryPhys() != plan.phys(image.kernendVa()) || segs.stream()
                .noneMatch(s -> s.mem() <= plan.entryPhys() && plan.entryPhys() + trampoline.size() <= s.end())) {
            v.add(violation(PlanRule.ENTRY, "trampoline at 0x%x is not at kernend inside a segment", plan.entryPhys()));
        }

        TrampolineData t = plan.trampoline();
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

    private static void checkInWindow(List<PlanException.Violation> v, String what, long start, long end, long windowEnd) {
        if (start < Arm64.KERNBASE || end > windowEnd) {
            v.add(violation(PlanRule.EARLY_WINDOW, "%s at VA 0x%x..0x%x ends past locore's early map end 0x%x", what,
                    start, end, windowEnd));
        }
    }

    private static PlanException.Violation violation(PlanRule rule, String format, Object... args) {
        return new PlanException.Violation(rule, format.formatted(args));
    }
}
