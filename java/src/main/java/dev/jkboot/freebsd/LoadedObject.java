package dev.jkboot.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * A kernel, module or raw file placed at kernel VAs: its preload-list entry (without the records
 * the boot adds later) and the bytes it occupies.
 *
 * @param symbols SSYM..ESYM when the file's symbol table was appended
 */
public record LoadedObject(PreloadedFile file, List<ImageChunk> chunks, Optional<BootImage.SymbolArea> symbols) {
    public LoadedObject {
        chunks = List.copyOf(chunks);
    }
}
