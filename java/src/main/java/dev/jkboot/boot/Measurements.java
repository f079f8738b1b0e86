package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.ModInfo;
import dev.jkboot.freebsd.MetadataRecord;
import dev.jkboot.fs.FileContent;
import dev.jkboot.tpm.Measurement;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a boot measures, taken from the very bytes it loads: each file of the request is watched as
 * it is read, so the digest is of the buffer handed to {@code kexec_load}, never of a second read.
 * A file read twice (a {@code dtb} loaded as a raw file and passed as the device tree) is measured
 * once, as first read.
 */
final class Measurements {
    /** The bytes of each source, in the order first read (sources compare by identity). */
    private final Map<BootSource, FileContent> seen = new LinkedHashMap<>();

    /** The request with every source watched. */
    BootRequest watch(BootRequest request) {
        List<BootRequest.FileSpec> files = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            files.add(new BootRequest.FileSpec(watched(f.source()), f.type(), f.args()));
        }
        return new BootRequest(watched(request.kernel()), files, request.dtb().map(this::watched),
                request.switches(), request.environment());
    }

    /**
     * The measurements, in load order: each file read (PCR 9), then the environment block and the
     * howto word FreeBSD is handed (PCR 8), its command line in all but name.
     */
    List<Measurement> of(BootImage image) {
        List<Measurement> measurements = new ArrayList<>();
        seen.forEach((source, content) -> measurements.add(Measurement.file(source.name(), content)));
        measurements.add(Measurement.environment(image.env().encode()));
        howto(image).ifPresent(h -> measurements.add(Measurement.string("howto=0x%08x".formatted(h))));
        return measurements;
    }

    private static Optional<Integer> howto(BootImage image) {
        return image.kernel().metadata().stream().filter(r -> r.type() == ModInfo.MD_HOWTO).findFirst()
                .map(MetadataRecord::data).map(d -> ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    private BootSource watched(BootSource source) {
        return new BootSource() {
            @Override
            public String name() {
                return source.name();
            }

            @Override
            public long size() throws JkbootException {
                return source.size();
            }

            @Override
            public byte[] read() throws JkbootException {
                byte[] bytes = source.read();
                seen.putIfAbsent(source, bytes.length == 0 ? FileContent.of(bytes)
                        : new FileContent(bytes.length, List.of(new FileContent.Extent(0, ByteBuffer.wrap(bytes)))));
                return bytes;
            }

            @Override
            public FileContent content() throws JkbootException {
                FileContent content = source.content();
                seen.putIfAbsent(source, content);
                return content;
            }

            @Override
            public String toString() {
                return source.toString();
            }
        };
    }
}
