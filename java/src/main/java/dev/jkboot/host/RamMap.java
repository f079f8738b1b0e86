package dev.jkboot.host;

import dev.jkboot.mem.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Physical RAM as the running Linux reports it in {@code /proc/iomem}: the top-level "System RAM"
 * ranges, minus everything claimed inside them except the running kernel's own image (kexec may
 * overwrite that: Linux relocates the new image only at reboot time). Carve-outs keep their names.
 */
public record RamMap(List<Range> systemRam, List<Range> usable, List<Carveout> carveouts,
        List<Range> runningKernel, List<Range> firmwareReserved) {

    /** The running kernel's image; kboot treats these as usable and so do we. */
    static final Set<String> KERNEL_IMAGE = Set.of("Kernel code", "Kernel data", "Kernel bss");

    public RamMap {
        systemRam = List.copyOf(systemRam);
        usable = List.copyOf(usable);
        carveouts = List.copyOf(carveouts);
        runningKernel = List.copyOf(runningKernel);
        firmwareReserved = List.copyOf(firmwareReserved);
    }

    public static RamMap read(HostRoot root) throws HostException {
        return fromIomem(IomemParser.read(root), root.show(IomemParser.PATH));
    }

    /** The RAM map of a parsed resource tree; {@code where} names the file in errors. */
    public static RamMap fromIomem(List<IomemResource> tree, String where) throws HostException {
        List<Range> ram = new ArrayList<>();
        List<Range> usable = new ArrayList<>();
        List<Carveout> carveouts = new ArrayList<>();
        List<Range> kernel = new ArrayList<>();
        List<Range> firmware = new ArrayList<>();
        for (IomemResource top : tree) {
            if (top.name().equals("reserved")) {
                firmware.add(top.range());
            }
            if (!top.name().equals("System RAM")) {
                continue;
            }
            ram.add(top.range());
            long cursor = top.range().start();
            for (IomemResource child : top.children()) {
                if (KERNEL_IMAGE.contains(child.name())) {
                    kernel.add(child.range());
                    continue;
                }
                carveouts.add(new Carveout(child.range(), child.name(),
                        CarveoutKind.ofName(child.name())));
                if (child.range().start() > cursor) {
                    addMerged(usable, new Range(cursor, child.range().start()));
                }
                cursor = child.range().end();
            }
            if (cursor < top.range().end()) {
                addMerged(usable, new Range(cursor, top.range().end()));
            }
        }
        if (ram.isEmpty()) {
            throw new HostException(where, "lists no \"System RAM\"",
                    "check that " + where + " is the kernel's resource list");
        }
        return new RamMap(ram, usable, carveouts, kernel, firmware);
    }

    /** Adjacent pieces (neighbouring System RAM lines) are one stretch of memory. */
    private static void addMerged(List<Range> ranges, Range next) {
        int last = ranges.size() - 1;
        if (last >= 0 && ranges.get(last).end() == next.start()) {
            ranges.set(last, new Range(ranges.get(last).start(), next.end()));
        } else {
            ranges.add(next);
        }
    }

    public long systemRamBytes() {
        return Range.totalSize(systemRam);
    }

    public long usableBytes() {
        return Range.totalSize(usable);
    }
}
