package dev.jkboot.plan;

import dev.jkboot.mem.Range;
import java.util.List;
import java.util.OptionalLong;

/**
 * The physical memory a boot may use, as discovery found it.
 *
 * @param systemRam all of RAM, reserved parts included (a device such as the trampoline's UART
 *     must lie outside it)
 * @param usableRam RAM Linux reports as usable (System RAM minus its reserved children)
 * @param keepOut ranges inside usable RAM that nothing may overwrite, with the reason (the
 *     device tree's memory reservations and {@code /reserved-memory} regions; Linux's UEFI memory
 *     map while the trampoline still has to copy it)
 * @param linuxMemTotal the running Linux's MemTotal ({@code /proc/meminfo}) when known:
 *     {@code kexec_load} refuses segments that total more than half of it
 */
public record TargetMemory(List<Range> systemRam, List<Range> usableRam, List<KeepOut> keepOut,
                           OptionalLong linuxMemTotal) {
    public record KeepOut(Range range, String why) {}

    public TargetMemory {
        systemRam = List.copyOf(systemRam);
        usableRam = List.copyOf(usableRam);
        keepOut = List.copyOf(keepOut);
    }

    /** Without Linux's MemTotal: the half-of-RAM limit of kexec_load is not checked. */
    public TargetMemory(List<Range> systemRam, List<Range> usableRam, List<KeepOut> keepOut) {
        this(systemRam, usableRam, keepOut, OptionalLong.empty());
    }

    /**
     * The most {@code kexec_load} accepts in all its segments: half of Linux's RAM
     * (kernel/kexec_core.c, sanity_check_segment_list: {@code total_pages > totalram_pages() / 2}
     * is EINVAL), rounded down to pages; empty when MemTotal is not known.
     */
    public OptionalLong kexecLimit() {
        return linuxMemTotal.isPresent() ? OptionalLong.of(linuxMemTotal.getAsLong() / 4096 / 2 * 4096)
                : OptionalLong.empty();
    }
}
