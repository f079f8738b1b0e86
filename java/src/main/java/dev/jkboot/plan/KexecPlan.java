package dev.jkboot.plan;

import dev.jkboot.freebsd.BootImage;
import java.util.List;

/**
 * A validated boot, ready to hand to {@code kexec_load}: segments in address order and the entry
 * point (the trampoline's physical address).
 */
public record KexecPlan(BootImage image, long staging, long entryPhys, TrampolineData trampoline,
                        List<KexecSegment> segments) {
    public KexecPlan {
        segments = List.copyOf(segments);
    }

    /** Kernel VA to the physical address this plan puts it at. */
    public long phys(long va) {
        return Planner.phys(staging, va);
    }

    public long totalBytes() {
        return segments.stream().mapToLong(KexecSegment::memsz).sum();
    }
}
