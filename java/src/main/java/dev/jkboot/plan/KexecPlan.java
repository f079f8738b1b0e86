package dev.jkboot.plan;

import dev.jkboot.freebsd.BootImage;
import java.util.List;

/**
 * A validated boot, ready to hand to {@code kexec_load}: segments in address order and the entry
 * point (the trampoline's physical address).
 */
public record KexecPlan(Target target, BootImage image, long staging, long entryPhys, TrampolineData trampoline,
                        List<KexecSegment> segments) {
    public KexecPlan {
        segments = List.copyOf(segments);
    }

    /** Kernel VA to the physical address this plan puts it at. */
    public long phys(long va) {
        return phys(staging, target.kernbase(), va);
    }

    /** The image keeps its kernel-VA shape in physical memory: PA = staging + (VA − kernbase). */
    static long phys(long staging, long kernbase, long va) {
        return staging + (va - kernbase);
    }

    public long totalBytes() {
        return KexecSegment.totalMemsz(segments);
    }
}
