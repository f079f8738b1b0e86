package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.elf.ElfFile;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.BootImageBuilder;
import dev.jkboot.freebsd.BootSpecException;
import dev.jkboot.freebsd.EfiMapRecord;
import dev.jkboot.freebsd.ElfObjectLoader;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.freebsd.KernelEnvironment;
import dev.jkboot.freebsd.Loadable;
import dev.jkboot.freebsd.MemoryDescription;
import dev.jkboot.freebsd.RawFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stage 2 of the pipeline for FreeBSD: what to boot plus the host → the image in kernel VAs. */
public final class BootPlanning {
    private BootPlanning() {}

    /** Reads and places every file in kernel VAs, with environment, DTB and metadata. */
    public static BootImage load(BootHost host, BootRequest request) throws JkbootException {
        ElfObjectLoader.Kernel kernel = ElfObjectLoader.kernel(elf(request.kernel()));
        List<Loadable> others = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isPresent()) {
                others.add(RawFile.loadable(f.source().name(), f.type().get(), f.source().content(), f.args()));
            } else {
                others.add(ElfObjectLoader.module(elf(f.source()), f.args()));
            }
        }
        KernelEnvironment env = environment(host, request);
        Howto howto = request.switches().or(Howto.fromEnvironment(env.variables()));
        MemoryDescription memory = memoryDescription(host);
        Optional<byte[]> dtb = chooseDtb(host, request);

        return BootImageBuilder.build(kernel.object(), kernel.entryVa(), others, env, howto.bits(), dtb, memory);
    }


    /**
     * The user's variables, plus what FreeBSD's loader sets itself: the SMBIOS variables (kboot sets
     * them first, so loader.conf may override them), {@code kernelname}, and the ACPI root pointer
     * under both names arm64 kernels look for (kboot: "for 13.1R bootability").
     */
    static KernelEnvironment environment(BootHost host, BootRequest request) throws BootSpecException {
        KernelEnvironment env = KernelEnvironment.empty().withAll(host.smbios())
                .with("kernelname", request.kernel().name());
        if (host.acpiRsdp().isPresent()) {
            String rsdp = "0x%016x".formatted(host.acpiRsdp().getAsLong());
            env = env.with("acpi.rsdp", rsdp).with("hint.acpi.0.rsdp", rsdp);
        }
        return env.withAll(request.environment());
    }

    /**
     * The device tree FreeBSD gets: --dtb, else the first file loaded with type {@code dtb} (FreeBSD's
     * loader hands a preloaded dtb to the kernel instead of the platform's, and
     * stand/fdt/fdt_loader_cmd.c {@code fdt_setup_fdtp} takes the first that {@code file_findfile}
     * finds), else the host's when it describes hardware.
     */
    static Optional<byte[]> chooseDtb(BootHost host, BootRequest request) throws JkbootException {
        if (request.dtb().isPresent()) {
            return Optional.of(request.dtb().get().read());
        }
        Optional<BootRequest.FileSpec> loaded = request.files().stream()
                .filter(f -> f.type().filter("dtb"::equals).isPresent()).findFirst();
        if (loaded.isPresent()) {
            return Optional.of(loaded.get().source().read());
        }
        return host.hostDtb().filter(d -> host.hostDtbDescribesHardware());
    }

    static MemoryDescription memoryDescription(BootHost host) throws BootSpecException {
        if (host.uefi().isEmpty()) {
            return new MemoryDescription.DeviceTreeMemory();
        }
        BootHost.Uefi u = host.uefi().get();
        return new MemoryDescription.Uefi(EfiMapRecord.of(u.mapSize(), u.descriptorSize(), u.descriptorVersion(),
                u.descriptors(), u.mapPhys()), u.systemTablePhys());
    }

    private static ElfFile elf(BootSource source) throws JkbootException {
        return ElfFile.parse(source.name(), source.read());
    }
}
