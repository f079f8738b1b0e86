package dev.jkboot.freebsd;

import dev.jkboot.mem.Align;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link BootImage} in FreeBSD's order (contract §4.4): the kernel at KERNBASE, each
 * further file page-aligned after the previous, then the environment, the DTB, the metadata at
 * modulep, and kernend page-rounded after it.
 */
public final class BootImageBuilder {
    private BootImageBuilder() {}

    /**
     * @param kernelEntryVa the kernel's ELF entry point
     * @param dtb the device tree to hand over, if any (FreeBSD picks FDT over ACPI whenever one is given)
     */
    public static BootImage build(LoadedObject kernel, long kernelEntryVa, List<Loadable> others,
                                  KernelEnvironment env, int howto, Optional<byte[]> dtb,
                                  MemoryDescription memory) throws BootSpecException {
        if (kernel.file().address() != Arm64.KERNBASE) {
            throw new BootSpecException("the kernel %s starts at VA 0x%x, not at KERNBASE 0x%x"
                    .formatted(kernel.file().name(), kernel.file().address(), Arm64.KERNBASE),
                    "jkboot boots FreeBSD arm64 kernels, whose first PT_LOAD is at KERNBASE");
        }
        if (memory instanceof MemoryDescription.DeviceTreeMemory && dtb.isEmpty()) {
            throw new BootSpecException("this host has neither a UEFI memory map nor a device tree to describe "
                    + "memory to FreeBSD (it would panic: \"Cannot get physical memory regions\")",
                    "pass a device tree with /memory nodes with --dtb");
        }
        List<ImageChunk> chunks = new ArrayList<>(kernel.chunks());
        List<LoadedObject> files = new ArrayList<>(List.of(kernel));
        long next = Align.up(kernel.file().end(), Align.PAGE);
        for (Loadable l : others) {
            LoadedObject o = l.loadAt(next);
            files.add(o);
            chunks.addAll(o.chunks());
            next = Align.up(o.file().end(), Align.PAGE);
        }

        long envVa = next;
        byte[] envBytes = env.encode();
        chunks.add(ImageChunk.of("environment", envVa, envBytes));
        next = Align.up(envVa + envBytes.length, Align.PAGE);

        Optional<Long> dtbVa = Optional.empty();
        if (dtb.isPresent()) {
            dtbVa = Optional.of(next);
            chunks.add(ImageChunk.of("device tree", next, dtb.get()));
            next = Align.up(next + dtb.get().length, Align.PAGE);
        }

        long modulepVa = next;
        List<PreloadedFile> preload = new ArrayList<>(files.size());
        for (LoadedObject f : files) {
            preload.add(f.file());
        }
        // Sized with a placeholder kernend: the size does not depend on the value.
        preload.set(0, withBootRecords(kernel.file(), 0, envVa, dtbVa, howto, memory));
        long kernendVa = Align.up(modulepVa + MetadataBlock.encode(preload).size(), Align.PAGE);
        preload.set(0, withBootRecords(kernel.file(), kernendVa, envVa, dtbVa, howto, memory));
        MetadataBlock metadata = MetadataBlock.encode(preload);
        chunks.add(ImageChunk.of("metadata", modulepVa, metadata.bytes()));

        // Ifs, not Optional.map/filter lambdas: each lambda call site costs milliseconds at start-up under
        // emulation (issue 12).
        Optional<EfiMapRecord> efiMap = Optional.empty();
        Optional<Long> copyVa = Optional.empty();
        if (memory instanceof MemoryDescription.Uefi u) {
            efiMap = Optional.of(u.map());
            if (u.map().copiedAtJump()) {
                copyVa = Optional.of(modulepVa + metadata.kernelRecord(ModInfo.MD_EFI_MAP).dataOffset()
                        + ModInfo.EFI_MAP_HEADER_SIZE);
            }
        }
        long dtbSize = dtb.isPresent() ? dtb.get().length : 0;
        return new BootImage(chunks, preload, env, envVa, dtbVa, modulepVa, metadata, kernendVa, kernelEntryVa,
                efiMap, copyVa, kernel.symbols(), dtbSize);
    }

    /**
     * The records bi_load adds to the kernel, in the order FreeBSD's loader emits them (it prepends,
     * so they come out newest first): EFI_MAP, FW_HANDLE, KERNEND, DTBP, ENVP, HOWTO, then the
     * kernel's own ELF records.
     */
    private static PreloadedFile withBootRecords(PreloadedFile kernel, long kernendVa, long envVa,
                                                 Optional<Long> dtbVa, int howto, MemoryDescription memory) {
        List<MetadataRecord> rs = new ArrayList<>();
        if (memory instanceof MemoryDescription.Uefi u) {
            rs.add(u.map().toRecord());
            if (u.systemTablePhys() != 0) {
                rs.add(MetadataRecord.u64(ModInfo.MD_FW_HANDLE, u.systemTablePhys()));
            }
        }
        rs.add(MetadataRecord.u64(ModInfo.MD_KERNEND, kernendVa));
        if (dtbVa.isPresent()) {
            rs.add(MetadataRecord.u64(ModInfo.MD_DTBP, dtbVa.get()));
        }
        rs.add(MetadataRecord.u64(ModInfo.MD_ENVP, envVa));
        rs.add(MetadataRecord.u32(ModInfo.MD_HOWTO, howto));
        rs.addAll(kernel.metadata());
        return kernel.withMetadata(rs);
    }
}
