package dev.jkboot.cli;

import dev.jkboot.fdt.ReservedRegion;
import dev.jkboot.host.Architecture;
import dev.jkboot.host.Blocker;
import dev.jkboot.host.Carveout;
import dev.jkboot.host.DeviceTree;
import dev.jkboot.host.EfiMemoryDescriptor;
import dev.jkboot.host.EfiMemoryMap;
import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.KexecFacts;
import dev.jkboot.host.KexecReadiness;
import dev.jkboot.host.LockdownMode;
import dev.jkboot.host.RamMap;
import dev.jkboot.plan.StagingArea;
import dev.jkboot.host.UefiFacts;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import dev.jkboot.tpm.TpmProbe;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code jkboot probe}: the host description as a report for people. Ranges are written as
 * {@code /proc/iomem} writes them (first and last byte), so they can be compared with that file.
 */
final class ProbeReport {
    private final StringBuilder out = new StringBuilder();

    private ProbeReport() {}

    static String of(HostDescription host, long stagingSize, Finding<TpmProbe.TpmStatus> tpm) {
        ProbeReport r = new ProbeReport();
        r.line("jkboot probe of " + host.root().dir());
        r.line("Firmware: " + host.firmware().description());
        r.ram(host.ram());
        r.heading("Memory figures", host.meminfo()).ifFound(m -> {
            r.line("  MemTotal %s, MemAvailable %s, commit headroom %s (CommitLimit %s - Committed_AS %s)"
                    .formatted(Align.human(m.memTotal()), Align.human(m.memAvailable()),
                            Align.human(m.commitHeadroom()), Align.human(m.commitLimit()),
                            Align.human(m.committedAs())));
        });
        r.heading("Kernel command line", host.commandLine()).ifFound(c -> r.line("  " + c.text()));
        r.heading("Device tree", host.deviceTree()).ifFound(r::deviceTree);
        r.heading("UEFI", host.uefi()).ifFound(u -> r.uefi(u, host.efiMap()));
        r.heading("EFI system table", host.systab()).ifFound(s -> {
            s.entries().forEach(e -> r.line("  %-8s 0x%x".formatted(e.key(), e.address())));
            r.line("  ACPI RSDP: " + s.rsdp().stream().mapToObj("0x%x"::formatted).findFirst().orElse("none"));
        });
        r.heading("ACPI tables", host.acpiTables()).ifFound(a -> r.line("  " + String.join(" ", a.names())));
        r.heading("SPCR (serial console)", host.spcr()).ifFound(s -> r.line("  %s at 0x%x (address space %d)"
                .formatted(s.interfaceName(), s.address(), s.addressSpace())));
        r.heading("SMBIOS", host.smbios()).ifFound(s -> r.line(
                "  %s entry point, SMBIOS %s, structure table at 0x%x (up to %d bytes), DMI file %d bytes"
                        .formatted(s.anchor(), s.version(), s.tableAddress(), s.tableSize(), s.dmiFileBytes())));
        r.heading("Verified boot", ProbeVerify.find(host)).ifFound(p -> ProbeVerify.lines(p)
                .forEach(l -> r.line("  " + l)));
        r.kexec(host.kexec(), host.readiness());
        r.staging(host, stagingSize);
        r.heading("TPM", tpm).ifFound(t -> r.line("  2.0 at %s, active PCR banks: %s".formatted(t.device(),
                t.banks().map(b -> String.join(", ", b)).orElse("not asked (a captured host tree)"))));
        return r.out.toString();
    }

    private void ram(Finding<RamMap> finding) {
        heading("RAM", finding).ifFound(ram -> {
            ram.systemRam().forEach(x -> line("  System RAM     %s  %s".formatted(show(x), Align.human(x.size()))));
            line("  total System RAM %s, usable %s".formatted(Align.human(ram.systemRamBytes()),
                    Align.human(ram.usableBytes())));
            line("  usable:");
            ram.usable().forEach(x -> line("    %s  %s".formatted(show(x), Align.human(x.size()))));
            line("  carve-outs (never used for a boot):");
            if (ram.carveouts().isEmpty()) {
                line("    none");
            }
            for (Carveout c : ram.carveouts()) {
                String kind = ProbeJson.name(c.kind());
                line("    %s  %-9s  %s".formatted(show(c.range()), Align.human(c.range().size()),
                        c.label().equalsIgnoreCase(kind) ? c.label() : c.label() + " (" + kind + ")"));
            }
            list("  running kernel (reusable): ", ram.runningKernel());
            list("  kept by firmware outside System RAM: ", ram.firmwareReserved());
        });
    }

    private void deviceTree(DeviceTree dt) {
        line("  %d bytes, %d nodes, %s".formatted(dt.blob().length, dt.nodeCount(), dt.describesHardware()
                ? "describes the hardware" : "only /chosen (the EFI stub's skeleton)"));
        dt.model().ifPresent(m -> line("  model: " + m));
        if (!dt.compatible().isEmpty()) {
            line("  compatible: " + String.join(", ", dt.compatible()));
        }
        list("  memory nodes: ", dt.memory());
        for (ReservedRegion r : dt.reservedMemory()) {
            line("  reserved-memory: %s %s%s".formatted(r.path(), show(r.range()), r.noMap() ? " no-map" : ""));
        }
        dt.chosen().stdoutPath().ifPresent(p -> line("  stdout-path: " + p
                + dt.consoleAddress().stream().mapToObj(a -> " (registers at 0x%x)".formatted(a))
                        .findFirst().orElse("")));
        dt.chosen().bootargs().ifPresent(b -> line("  bootargs: " + b));
    }

    private void uefi(UefiFacts u, Finding<EfiMemoryMap> map) {
        line("  system table 0x%x, Secure Boot %s".formatted(u.systemTable(), ProbeJson.name(u.secureBoot())));
        line("  memory map at 0x%x: %d bytes, %d descriptors of %d bytes, version %d".formatted(u.mapAddress(),
                u.mapSize(), u.descriptorCount(), u.descriptorSize(), u.descriptorVersion()));
        if (map instanceof Finding.NotAvailable<EfiMemoryMap> missing) {
            line("  map through /dev/mem: not read: " + missing.path() + ": " + missing.reason());
            fix(missing.fix());
            return;
        }
        EfiMemoryMap m = map.optional().orElseThrow();
        line("  map through /dev/mem: read, %d descriptors".formatted(m.descriptors().size()));
        for (EfiMemoryDescriptor d : m.descriptors()) {
            line("    %-20s %s  %-9s virt 0x%x  %s".formatted(d.typeName(), show(d.range()),
                    Align.human(d.range().size()), d.virtualStart(), String.join("|", d.attributeNames())));
        }
    }

    private void kexec(KexecFacts f, KexecReadiness readiness) {
        String verdict = !readiness.ready() ? "NOT READY"
                : readiness.fullyChecked() ? "ready" : "no blocker found, but not every fact could be read";
        line("kexec: " + verdict);
        line("  lockdown %s, kexec_load_disabled %s, kexec in kernel %s, credentials %s, architecture %s, "
                .formatted(fact(f.lockdown(), LockdownMode::label), fact(f.loadDisabled(), d -> d ? "1" : "0"),
                        fact(f.kernelSupport(), s -> s ? "yes" : "no"),
                        fact(f.credentials(), c -> "euid " + c.effectiveUid()
                                + (c.hasCapSysBoot() ? " with" : " without") + " CAP_SYS_BOOT"),
                        fact(f.architecture(), Architecture::name))
                + "Secure Boot " + fact(f.secureBoot(), ProbeJson::name));
        for (Blocker b : readiness.blockers()) {
            line("  blocked: " + b.cause());
            line("    way out: " + b.wayOut());
        }
        readiness.unchecked().forEach(u -> line("  unchecked: " + u));
    }

    private void staging(HostDescription host, long size) {
        Finding<StagingArea> staging = ProbeStaging.find(host, size);
        if (staging instanceof Finding.Found<StagingArea> found) {
            StagingArea s = found.value();
            line("Staging (%s): 0x%x in usable RAM %s, %s of room".formatted(Align.human(size), s.address(),
                    show(s.hole()), Align.human(s.room())));
        } else if (staging instanceof Finding.NotAvailable<StagingArea> missing) {
            line("Staging (%s): %s".formatted(Align.human(size), missing.describe()));
            fix(missing.fix());
        }
    }

    /** Prints a section heading; the body runs only when the finding has a value. */
    private <T> Section<T> heading(String title, Finding<T> finding) {
        if (finding instanceof Finding.NotAvailable<T> missing) {
            line(title + ": " + missing.describe());
            fix(missing.fix());
        } else {
            line(title + ":");
        }
        return body -> finding.optional().ifPresent(body);
    }

    private interface Section<T> {
        void ifFound(Consumer<T> body);
    }

    private static <T> String fact(Finding<T> finding, Function<T, String> show) {
        return finding.optional().map(show).orElse("(unknown)");
    }

    private void list(String label, List<Range> ranges) {
        line(label + (ranges.isEmpty() ? "none"
                : String.join(", ", ranges.stream().map(ProbeReport::show).toList())));
    }

    private void fix(String fix) {
        if (!fix.isEmpty()) {
            line("  fix: " + fix);
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** First and last byte, as /proc/iomem writes a range. */
    static String show(Range r) {
        return r.isEmpty() ? "0x%x (empty)".formatted(r.start()) : "0x%x-0x%x".formatted(r.start(), r.last());
    }
}
