package dev.jkboot.plan;

import dev.jkboot.mem.Range;
import java.util.List;

/**
 * The physical memory a boot may use, as discovery found it.
 *
 * @param usableRam RAM Linux reports as usable (System RAM minus its reserved children)
 * @param keepOut ranges nothing may overwrite, with the reason (e.g. Linux's UEFI memory map, which
 *     the trampoline still reads at jump time; memory Linux reserved for the GIC's LPI tables)
 */
public record TargetMemory(List<Range> usableRam, List<KeepOut> keepOut) {
    public record KeepOut(Range range, String why) {}

    public TargetMemory {
        usableRam = List.copyOf(usableRam);
        keepOut = List.copyOf(keepOut);
    }
}
