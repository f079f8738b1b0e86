package dev.jkboot.cli;

import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.MetadataBlock;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.freebsd.PreloadedFile;
import dev.jkboot.json.Json;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.KexecSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A plan as stable JSON for tools (keys in docs/boot-json.md): addresses as "0x…" strings, sizes
 * as integers, metadata records with their decoded value as the text report shows it.
 */
final class PlanJson {
    private PlanJson() {}

    static Json of(KexecPlan plan, Map<String, Duration> timings, OptionalLong peakRssKiB) {
        BootImage img = plan.image();
        List<Json> segments = new ArrayList<>();
        for (KexecSegment s : plan.segments()) {
            segments.add(Json.object().put("mem", Json.hex(s.mem())).put("memsz", s.memsz()).put("bufsz", s.bufsz())
                    .put("holds", Json.strings(s.pieces().stream().map(KexecSegment.Piece::what).distinct().toList()))
                    .build());
        }
        List<Json> files = new ArrayList<>();
        for (PreloadedFile f : img.files()) {
            files.add(Json.object().put("name", f.name()).put("type", f.type()).put("va", Json.hex(f.address()))
                    .put("pa", Json.hex(plan.phys(f.address()))).put("size", f.size())
                    .put("args", f.args().map(Json::of).orElse(Json.Null.NULL)).build());
        }
        Json.ObjectBuilder env = Json.object();
        img.env().variables().forEach(env::put);
        ByteBuffer block = ByteBuffer.wrap(img.metadata().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<Json> records = new ArrayList<>();
        for (MetadataBlock.Placed r : img.metadata().records()) {
            records.add(Json.object().put("file", r.fileIndex()).put("type", ModInfo.name(r.type()))
                    .put("code", Json.hex(r.type())).put("size", r.size())
                    .put("value", PlanText.value(block, r, img)).build());
        }
        Json.ObjectBuilder phases = Json.object();
        timings.forEach((k, v) -> phases.put(k, v.toMillis()));
        return Json.object()
                .put("staging", Json.hex(plan.staging()))
                .put("entry", Json.hex(plan.entryPhys()))
                .put("kernelEntry", Json.hex(plan.trampoline().kernelEntryPhys()))
                .put("modulep", Json.hex(img.modulepVa()))
                .put("kernend", Json.hex(img.kernendVa()))
                .put("environmentVa", Json.hex(img.envVa()))
                .put("dtbVa", img.dtbVa().map(Json::hex).orElse(Json.Null.NULL))
                .put("efiMapCopy", plan.trampoline().memmapSourcePhys() == 0 ? Json.Null.NULL : Json.object()
                        .put("from", Json.hex(plan.trampoline().memmapSourcePhys()))
                        .put("to", Json.hex(plan.trampoline().memmapDestinationPhys()))
                        .put("bytes", plan.trampoline().memmapLength()).build())
                .put("trampolineUart", plan.trampoline().uartPhys() == 0 ? Json.Null.NULL
                        : Json.hex(plan.trampoline().uartPhys()))
                .put("integrityCheck", plan.trampoline().integrity().isEmpty() ? Json.Null.NULL : Json.object()
                        .put("ranges", plan.trampoline().integrity().entries().size())
                        .put("bytes", plan.trampoline().integrity().bytes()).build())
                .put("segments", Json.array(segments))
                .put("files", Json.array(files))
                .put("environment", env.build())
                .put("metadata", Json.array(records))
                .put("timingsMs", phases.build())
                .put("peakRssKiB", peakRssKiB.isPresent() ? Json.of(peakRssKiB.getAsLong()) : Json.Null.NULL)
                .build();
    }
}
