package dev.jkboot.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * Everything the FreeBSD kernel finds in memory on entry, in kernel virtual addresses: the kernel
 * and further files, the environment, the DTB, the metadata at {@code modulepVa}, up to {@code
 * kernendVa}. Turning it into physical segments is the planner's job.
 *
 * @param efiMapCopyVa where the EFI descriptors must be copied at jump time (the descriptor area of
 *     the EFI_MAP record), when {@code efiMap} says so
 */
public record BootImage(List<ImageChunk> chunks, List<PreloadedFile> files, KernelEnvironment env,
                        long envVa, Optional<Long> dtbVa, long modulepVa, MetadataBlock metadata,
                        long kernendVa, long kernelEntryVa, Optional<EfiMapRecord> efiMap,
                        Optional<Long> efiMapCopyVa, Optional<SymbolArea> kernelSymbols, long dtbSize) {

    /** SSYM..ESYM of the kernel: the symbol and string tables appended after its segments. */
    public record SymbolArea(long startVa, long endVa) {}

    public BootImage {
        chunks = List.copyOf(chunks);
        files = List.copyOf(files);
    }

    public PreloadedFile kernel() {
        return files.get(0);
    }
}
