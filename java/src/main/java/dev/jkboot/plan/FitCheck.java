package dev.jkboot.plan;

import dev.jkboot.mem.Align;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before a byte of them is read, files that cannot be part of any valid plan whatever
 * the rest of the boot holds: the raw files (an {@code md_image}, say) are loaded exactly as large
 * as they are, one after the other, each from a page boundary, so together they need at least
 * their page-rounded sizes of contiguous RAM, inside the target's span, and within the half of
 * Linux's RAM that kexec_load accepts. Kernels and modules are left to the planner: what they load
 * is known only once they are parsed.
 */
public final class FitCheck {
    private FitCheck() {}

    /** A file the boot loads as it is: its name as FreeBSD sees it, its type and its size in bytes. */
    public record Sized(String name, String type, long bytes) {}

    /**
     * @throws PlanException naming the largest file, its size, and every limit the files break:
     *     the largest hole, the target's span, kexec_load's half of RAM
     */
    public static void check(List<Sized> files, TargetMemory memory, Target target) throws PlanException {
        if (files.isEmpty()) {
            return;
        }
        long needed = 0;
        for (Sized f : files) {
            needed += Align.up(f.bytes(), Align.PAGE);
        }
        List<String> limits = new ArrayList<>();
        Optional<Placement.Room> room = Placement.largest(memory, target.kernelAlignment());
        if (room.isEmpty() || needed > room.get().bytes()) {
            limits.add(Placement.describeLargest(memory, target.kernelAlignment()));
        }
        if (needed > target.maxSpan()) {
            limits.add("%s can map at most %s from its kernel's base, files included (plan rule %s)".formatted(
                    target.description(), Align.human(target.maxSpan()), PlanRule.ONE_GIB));
        }
        if (memory.kexecLimit().isPresent() && needed > memory.kexecLimit().getAsLong()) {
            limits.add("Linux's kexec_load takes at most half of its RAM, %s of MemTotal %s".formatted(
                    Align.human(memory.kexecLimit().getAsLong()), Align.human(memory.linuxMemTotal().getAsLong())));
        }
        if (limits.isEmpty()) {
            return;
        }
        Sized largest = files.stream().max(Comparator.comparingLong(Sized::bytes)).orElseThrow();
        String what = "%s (%s) is %s (%d bytes)".formatted(largest.name(), largest.type(),
                Align.human(largest.bytes()), largest.bytes());
        if (files.size() > 1) {
            what += "; with the other %d raw file%s the boot needs at least %s (%d bytes)".formatted(files.size() - 1,
                    files.size() == 2 ? "" : "s", Align.human(needed), needed);
        }
        throw new PlanException(what + ", which cannot fit: " + String.join("; ", limits),
                "nothing was read or loaded; boot a smaller file (an md_image can hold less, or the root can live "
                        + "on a disk instead) or use a host with more RAM");
    }
}
