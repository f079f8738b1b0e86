package dev.jkboot.cli;

import dev.jkboot.fdt.MemoryReservation;
import dev.jkboot.fdt.ReservedRegion;
import dev.jkboot.host.Carveout;
import dev.jkboot.host.DeviceTree;
import dev.jkboot.host.EfiMemoryDescriptor;
import dev.jkboot.host.Finding;
import dev.jkboot.host.HostDescription;
import dev.jkboot.host.KexecFacts;
import dev.jkboot.plan.StagingArea;
import dev.jkboot.json.Json;
import dev.jkboot.mem.Range;
import dev.jkboot.tpm.TpmProbe;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code jkboot probe --json}: the host description as stable JSON, keys documented in
 * {@code docs/probe-json.md}. Addresses are "0x…" strings, sizes and counts plain integers, ranges
 * {@code {start, end, size}} with {@code end} one past the last byte. Every section has
 * {@code available}; an unavailable one has {@code path}, {@code reason} and {@code fix} instead.
 */
final class ProbeJson {
    static final String SCHEMA = "jkboot-probe/1";

    private ProbeJson() {}

    static Json of(HostDescription host, long stagingSize, Finding<TpmProbe.TpmStatus> tpm) {
        return Json.object()
                .put("schema", SCHEMA)
                .put("hostRoot", host.root().dir().toString())
                .put("firmware", Json.object()
                        .put("kind", name(host.firmware()))
                        .put("description", host.firmware().description()).build())
                .put("memory", section(host.ram(), (ram, o) -> o
                        .put("systemRam", ranges(ram.systemRam()))
                        .put("systemRamBytes", ram.systemRamBytes())
                        .put("usable", ranges(ram.usable()))
                        .put("usableBytes", ram.usableBytes())
                        .put("carveouts", Json.array(ram.carveouts().stream().map(ProbeJson::carveout).toList()))
                        .put("runningKernel", ranges(ram.runningKernel()))
                        .put("firmwareReserved", ranges(ram.firmwareReserved()))))
                .put("meminfo", section(host.meminfo(), (m, o) -> o
                        .put("memTotal", m.memTotal())
                        .put("memAvailable", m.memAvailable())
                        .put("commitLimit", m.commitLimit())
                        .put("committedAs", m.committedAs())))
                .put("commandLine", section(host.commandLine(), (c, o) -> o.put("text", c.text())))
                .put("deviceTree", section(host.deviceTree(), ProbeJson::deviceTree))
                .put("uefi", section(host.uefi(), (u, o) -> o
                        .put("systemTable", Json.hex(u.systemTable()))
                        .put("mapAddress", Json.hex(u.mapAddress()))
                        .put("mapSize", u.mapSize())
                        .put("descriptorSize", u.descriptorSize())
                        .put("descriptorVersion", u.descriptorVersion())
                        .put("descriptorCount", u.descriptorCount())
                        .put("secureBoot", name(u.secureBoot()))))
                .put("efiMap", section(host.efiMap(), (m, o) -> o
                        .put("descriptors", Json.array(m.descriptors().stream().map(ProbeJson::descriptor).toList()))))
                .put("systab", section(host.systab(), (s, o) -> o
                        .put("entries", Json.array(s.entries().stream().map(e -> Json.object()
                                .put("key", e.key()).put("address", Json.hex(e.address())).build()).toList()))
                        .put("rsdp", hexOrNull(s.rsdp()))
                        .put("smbios", hexOrNull(s.smbiosEntryPoint()))))
                .put("smbios", section(host.smbios(), (s, o) -> o
                        .put("anchor", s.anchor())
                        .put("version", s.version())
                        .put("tableAddress", Json.hex(s.tableAddress()))
                        .put("tableSize", s.tableSize())
                        .put("dmiBytes", s.dmiFileBytes())))
                .put("acpiTables", section(host.acpiTables(), (a, o) -> o
                        .put("names", Json.strings(a.names()))
                        .put("spcr", a.hasSpcr())))
                .put("spcr", section(host.spcr(), (s, o) -> o
                        .put("interfaceType", s.interfaceType())
                        .put("interface", s.interfaceName())
                        .put("addressSpace", s.addressSpace())
                        .put("address", Json.hex(s.address()))))
                .put("verify", section(ProbeVerify.find(host), ProbeVerify::json))
                .put("kexec", kexec(host))
                .put("staging", staging(host, stagingSize))
                .put("tpm", section(tpm, (t, o) -> o
                        .put("device", t.device())
                        .put("banks", t.banks().map(Json::strings).orElse(Json.Null.NULL))))
                .build();
    }

    private static void deviceTree(DeviceTree dt, Json.ObjectBuilder o) {
        o.put("size", dt.blob().length)
                .put("model", dt.model().map(Json::of).orElse(Json.Null.NULL))
                .put("compatible", Json.strings(dt.compatible()))
                .put("nodes", dt.nodeCount())
                .put("describesHardware", dt.describesHardware())
                .put("memory", ranges(dt.memory()))
                .put("reservedMemory", Json.array(dt.reservedMemory().stream().map(ProbeJson::reserved).toList()))
                .put("memoryReservations", ranges(dt.tree().reservations().stream()
                        .map(MemoryReservation::range).toList()))
                .put("stdoutPath", stringOrNull(dt.chosen().stdoutPath()))
                .put("consoleAddress", hexOrNull(dt.consoleAddress()))
                .put("bootargs", stringOrNull(dt.chosen().bootargs()));
    }

    private static Json kexec(HostDescription host) {
        KexecFacts f = host.kexec();
        Json.ObjectBuilder o = Json.object()
                .put("ready", host.readiness().ready())
                .put("fullyChecked", host.readiness().fullyChecked())
                .put("blockers", Json.array(host.readiness().blockers().stream().map(b -> Json.object()
                        .put("cause", b.cause()).put("wayOut", b.wayOut()).build()).toList()))
                .put("unchecked", Json.strings(host.readiness().unchecked()));
        return o.put("lockdown", fact(f.lockdown(), m -> Json.of(m.label())))
                .put("loadDisabled", fact(f.loadDisabled(), Json::of))
                .put("kernelSupport", fact(f.kernelSupport(), Json::of))
                .put("effectiveUid", fact(f.credentials(), c -> Json.of(c.effectiveUid())))
                .put("capSysBoot", fact(f.credentials(), c -> Json.of(c.hasCapSysBoot())))
                .put("architecture", fact(f.architecture(), a -> Json.of(a.name())))
                .put("secureBoot", fact(f.secureBoot(), m -> Json.of(name(m))))
                .build();
    }

    private static Json staging(HostDescription host, long size) {
        return section(ProbeStaging.find(host, size), (s, o) -> o.put("size", s.size())
                .put("address", Json.hex(s.address()))
                .put("hole", range(s.hole()))
                .put("room", s.room()));
    }

    /** A finding as {@code {"available": true, …}} or {@code {"available": false, path, reason, fix}}. */
    private static <T> Json section(Finding<T> finding, BiConsumer<T, Json.ObjectBuilder> body) {
        if (finding instanceof Finding.Found<T> found) {
            Json.ObjectBuilder o = Json.object().put("available", true);
            body.accept(found.value(), o);
            return o.build();
        }
        return unavailable(finding);
    }

    private static Json unavailable(Finding<?> finding) {
        Finding.NotAvailable<?> missing = (Finding.NotAvailable<?>) finding;
        return Json.object().put("available", false)
                .put("path", missing.path())
                .put("reason", missing.reason())
                .put("fix", missing.fix()).build();
    }

    /** A fact's value, or null when it could not be read (the reason is in "unchecked"). */
    private static <T> Json fact(Finding<T> finding, Function<T, Json> value) {
        return finding.optional().map(value).orElse(Json.Null.NULL);
    }

    static Json range(Range r) {
        return Json.object().put("start", Json.hex(r.start())).put("end", Json.hex(r.end()))
                .put("size", r.size()).build();
    }

    private static Json ranges(List<Range> ranges) {
        return Json.array(ranges.stream().map(ProbeJson::range).toList());
    }

    private static Json carveout(Carveout c) {
        return Json.object().put("start", Json.hex(c.range().start())).put("end", Json.hex(c.range().end()))
                .put("size", c.range().size()).put("label", c.label()).put("kind", name(c.kind())).build();
    }

    private static Json reserved(ReservedRegion r) {
        return Json.object().put("path", r.path()).put("start", Json.hex(r.range().start()))
                .put("end", Json.hex(r.range().end())).put("size", r.range().size())
                .put("noMap", r.noMap()).build();
    }

    private static Json descriptor(EfiMemoryDescriptor d) {
        return Json.object()
                .put("type", d.type())
                .put("typeName", d.typeName())
                .put("physicalStart", Json.hex(d.physicalStart()))
                .put("virtualStart", Json.hex(d.virtualStart()))
                .put("pages", d.pages())
                .put("attribute", Json.hex(d.attribute()))
                .put("attributes", Json.strings(d.attributeNames()))
                .build();
    }

    private static Json hexOrNull(OptionalLong value) {
        return value.isPresent() ? Json.hex(value.getAsLong()) : Json.Null.NULL;
    }

    private static Json stringOrNull(Optional<String> value) {
        return value.map(Json::of).orElse(Json.Null.NULL);
    }

    /** An enum constant as JSON names it: UEFI_ACPI → "uefi-acpi". */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
