package dev.jkboot.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * A file as the kernel's preload list describes it: what FreeBSD's loader calls a
 * {@code struct preloaded_file}. {@code address} is a kernel virtual address.
 *
 * @param metadata the file's own MD records, in the order they are emitted
 */
public record PreloadedFile(String name, String type, Optional<String> args, long address, long size,
                            List<MetadataRecord> metadata) {
    public PreloadedFile {
        metadata = List.copyOf(metadata);
    }

    public long end() {
        return address + size;
    }

    public PreloadedFile withMetadata(List<MetadataRecord> records) {
        return new PreloadedFile(name, type, args, address, size, records);
    }
}
