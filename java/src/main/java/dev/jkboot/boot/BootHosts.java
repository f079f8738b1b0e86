package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.fdt.FdtException;
import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.MemoryReservation;
import dev.jkboot.fdt.ReservedRegion;
import dev.jkboot.host.DeviceTree;
import dev.jkboot.host.EfiMemoryMap;
import dev.jkboot.host.EfiSystab;
import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.HostException;
import dev.jkboot.host.Meminfo;
import dev.jkboot.host.RamMap;
import dev.jkboot.host.Smbios;
import dev.jkboot.host.Spcr;
import dev.jkboot.host.UefiFacts;
import dev.jkboot.mem.Range;
import dev.jkboot.plan.TargetMemory;
import dev.jkboot.smbios.SmbiosEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Distils a {@link HostDescription} into the {@link BootHost} a boot needs, insisting on what it must have. */
public final class BootHosts {
    /** ACPI SPCR interface type of an ARM PL011. */
    private static final int SPCR_PL011 = 0x03;

    /** SMBIOS 3 tables declare at most 4 GiB; real ones are a few KiB. Larger is not a table. */
    private static final int SMBIOS_TABLE_LIMIT = 1 << 20;

    private BootHosts() {}

    public static BootHost from(HostDescription host, Consumer<String> log) throws JkbootException {
        if (host.root().exists(DeviceTree.PATH)) {
            host.deviceTree().orElseThrow(); // present but unreadable: that is the cause to report
        }
        // Ifs rather than Optional.map chains here and below: every lambda costs its call-site link at
        // start-up, about as much as the rest of this class's work (docs/measurements.md, issue 12).
        Optional<DeviceTree> dt = host.deviceTree().optional();
        Optional<BootHost.Uefi> uefi = Optional.empty();
        if (host.uefi().optional().isPresent()) {
            UefiFacts u = host.uefi().optional().get();
            Optional<EfiMemoryMap> map = host.efiMap().optional();
            uefi = Optional.of(new BootHost.Uefi(u.systemTable(), u.mapAddress(), u.mapSize(), u.descriptorSize(),
                    (int) u.descriptorVersion(), map.isPresent() ? Optional.of(map.get().bytes()) : Optional.empty()));
        }
        if (uefi.isPresent() && host.efiMap() instanceof Finding.NotAvailable<EfiMemoryMap> why) {
            log.accept("UEFI memory map not readable now (" + why.describe()
                    + "); the trampoline will copy it at jump time");
        }
        return new BootHost(memory(host), uefi, dt.isPresent() ? Optional.of(dt.get().blob()) : Optional.empty(),
                dt.isPresent() && dt.get().describesHardware(), host.rsdp(), pl011Console(host, dt), smbios(host, log));
    }

    /**
     * The SMBIOS variables, as kboot's main.c {@code find_smbios} sets them before anything else.
     * A host without SMBIOS (booted from a device tree) has none. A broken entry point or table is
     * reported and skipped, since FreeBSD boots without these variables, as from a loader that found
     * no SMBIOS.
     */
    static Map<String, String> smbios(HostDescription host, Consumer<String> log) {
        if (host.smbios() instanceof Finding.NotAvailable<Smbios> why) {
            if (host.root().exists(Smbios.ENTRY_POINT)) {
                log.accept("SMBIOS skipped: " + why.describe() + "; the kernel gets no smbios.* variables");
            }
            return Map.of();
        }
        Smbios entry = host.smbios().optional().orElseThrow();
        byte[] table;
        try {
            table = host.root().read(Smbios.DMI, SMBIOS_TABLE_LIMIT);
        } catch (HostException e) {
            log.accept("SMBIOS skipped: " + e.getMessage() + "; the kernel gets no smbios.* variables");
            return Map.of();
        }
        Optional<EfiSystab> systab = host.systab().optional();
        long entryPoint = systab.isPresent() ? systab.get().smbiosEntryPoint().orElse(0) : 0;
        SmbiosEnvironment env = SmbiosEnvironment.decode(entry, entryPoint, table);
        for (String p : env.problems()) {
            log.accept(p + " (" + host.root().show(Smbios.DMI) + ")");
        }
        return env.variables();
    }

    /**
     * The memory a boot may use: Linux's usable RAM (its reserved children are already carved out
     * of it) minus what must survive the jump and that Linux may not list as reserved: the
     * device tree's memory reservations and {@code /reserved-memory} regions, which FreeBSD honours
     * too, and Linux's UEFI memory map while the trampoline still has to copy it. Linux's MemTotal
     * comes along, since kexec_load takes at most half of it.
     */
    public static TargetMemory memory(HostDescription host) throws JkbootException {
        RamMap ram = host.ram().orElseThrow();
        List<TargetMemory.KeepOut> keepOut = new ArrayList<>();
        if (host.deviceTree().optional().isPresent()) {
            DeviceTree dt = host.deviceTree().optional().get();
            for (MemoryReservation r : dt.tree().reservations()) {
                keepOut.add(new TargetMemory.KeepOut(r.range(), "the device tree's memory reservation"));
            }
            for (ReservedRegion r : dt.reservedMemory()) {
                keepOut.add(new TargetMemory.KeepOut(r.range(), "the device tree's " + r.path()));
            }
        }
        Optional<UefiFacts> uefi = host.uefi().optional();
        if (uefi.isPresent() && host.efiMap().optional().isEmpty()) {
            UefiFacts u = uefi.get();
            keepOut.add(new TargetMemory.KeepOut(Range.ofSize(u.mapAddress(), u.mapSize()),
                    "Linux's UEFI memory map (copied at jump time)"));
        }
        Optional<Meminfo> meminfo = host.meminfo().optional();
        OptionalLong memTotal = meminfo.isPresent() ? OptionalLong.of(meminfo.get().memTotal()) : OptionalLong.empty();
        return new TargetMemory(ram.systemRam(), ram.usable(), keepOut, memTotal);
    }

    /**
     * The console the trampoline may greet on, only when it is a PL011 (the trampoline speaks
     * nothing else): the device tree's stdout-path, else ACPI's SPCR.
     */
    static long pl011Console(HostDescription host, Optional<DeviceTree> dt) {
        if (dt.isPresent() && dt.get().consoleAddress().isPresent()) {
            return isPl011(dt.get()) ? dt.get().consoleAddress().getAsLong() : 0;
        }
        Optional<Spcr> spcr = host.spcr().optional();
        return spcr.isPresent() && spcr.get().interfaceType() == SPCR_PL011
                && spcr.get().addressSpace() == Spcr.SYSTEM_MEMORY ? spcr.get().address() : 0;
    }

    private static boolean isPl011(DeviceTree dt) {
        try {
            Optional<String> path = dt.consolePath();
            Optional<FdtNode> console = path.isPresent() ? dt.tree().node(path.get()) : Optional.empty();
            Optional<FdtProperty> compatible = console.isPresent() ? console.get().property("compatible")
                    : Optional.empty();
            return compatible.isPresent() && compatible.get().asStrings().contains("arm,pl011");
        } catch (FdtException e) {
            return false; // a console we cannot identify only costs the trampoline's greeting
        }
    }
}
