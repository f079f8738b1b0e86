package dev.jkboot.plan;

import dev.jkboot.mem.Range;
import java.util.List;

/**
 * The physical memory a boot may use, as discovery found it.
 *
 * @param systemRam all of RAM, reserved parts included (a device such as the trampoline's UART
 *     must lie outside it)
 * @param usableRam RAM Linux reports as usable (System RAM minus its reserved children)
 * @param keepOut ranges inside usable RAM that nothing may overwrite, with the reason (the
 *     device tree's memory reservations and {@code /reserved-memory} regions; Linux's UEFI memory
 *     map while the trampoline still has to copy it)
 */
public record TargetMemory(List<Range> systemRam, List<Range> usableRam, List<KeepOut> keepOut) {
    public record KeepOut(Range range, String why) {}

    public TargetMemory {
        systemRam = List.copyOf(systemRam);
        usableRam = List.copyOf(usableRam);
        keepOut = List.copyOf(keepOut);
    }
}
