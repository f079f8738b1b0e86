package dev.jkboot.boot;

import dev.jkboot.Hex;
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
import java.util.Set;

/**
 * What a boot measures, taken from the very bytes it loads: each file of the request is watched as
 * it is read, so the digest is of the buffer handed to {@code kexec_load}, never of a second read.
 * The measurements follow the load order (the kernel, the files as the request lists them, the device
 * tree), whichever was read first: the ELF files may be read before the host is known, the raw ones
 * after. A file read twice (a {@code dtb} loaded as a raw file and passed as the device tree) is
 * measured once, in its first place.
 */
final class Measurements {
    /**
     * Seeds for FreeBSD's random(4) (/boot/entropy and Linux's getrandom): secret, and new at every
     * boot, so never extended into a PCR, which would then change at every boot and seal nothing
     * (systemd-boot leaves its random seed out for the same reason). They are still loaded.
     */
    private static final Set<String> SEEDS = Set.of("boot_entropy_cache", "boot_entropy_platform");

    /**
     * The bytes of each source read, keyed in load order as {@link #watch} met them (a key stays in
     * its first place when its value is set); sources compare by identity.
     */
    private final Map<BootSource, FileContent> seen = new LinkedHashMap<>();

    /** The request with every source watched. */
    BootRequest watch(BootRequest request) {
        BootSource kernel = watched(request.kernel());
        List<BootRequest.FileSpec> files = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            boolean seed = f.type().isPresent() && SEEDS.contains(f.type().get());
            files.add(new BootRequest.FileSpec(seed ? f.source() : watched(f.source()), f.type(), f.args(), f.module()));
        }
        Optional<BootSource> dtb = request.dtb().isPresent() ? Optional.of(watched(request.dtb().get()))
                : Optional.empty();
        return new BootRequest(kernel, files, dtb,
                request.switches(), request.environment());
    }

    /** The measurements, in load order: each file read (PCR 9), then FreeBSD's command line (PCR 8). */
    List<Measurement> of(BootImage image) {
        List<Measurement> measurements = new ArrayList<>();
        for (Map.Entry<BootSource, FileContent> read : seen.entrySet()) {
            if (read.getValue() != null) {
                measurements.add(Measurement.file(read.getKey().name(), read.getValue()));
            }
        }
        measurements.add(Measurement.commandLine(commandLine(image)));
        return measurements;
    }

    /**
     * What FreeBSD is told besides its files, as one line: the howto word, then every environment
     * variable in the order of the kernel's block. A value with a space, quote, backslash or control
     * character is quoted, with {@code \"} and {@code \\} inside, so the line reads back unambiguously.
     */
    static String commandLine(BootImage image) {
        StringBuilder line = new StringBuilder("howto=").append(Hex.padded(howto(image) & 0xFFFFFFFFL, 8));
        for (Map.Entry<String, String> v : image.env().variables().entrySet()) {
            line.append(' ').append(v.getKey()).append('=').append(quoted(v.getValue()));
        }
        return line.toString();
    }

    private static String quoted(String value) {
        if (!needsQuotes(value)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static int howto(BootImage image) {
        for (MetadataRecord r : image.kernel().metadata()) {
            if (r.type() == ModInfo.MD_HOWTO) {
                return ByteBuffer.wrap(r.data()).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
        }
        return 0;
    }

    private BootSource watched(BootSource source) {
        seen.putIfAbsent(source, null);
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
