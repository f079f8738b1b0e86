package dev.jkboot.boot;

import dev.jkboot.Hex;
import dev.jkboot.JkbootException;
import dev.jkboot.elf.ElfFile;
import dev.jkboot.fdt.overlay.LoaderOverlays;
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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Stage 2 of the pipeline for FreeBSD: what to boot plus the host → the image in kernel VAs. */
public final class BootPlanning {
    /** The file type of a device-tree overlay (fdt_loader_cmd.c loads them with it). */
    public static final String OVERLAY_TYPE = "dtbo";

    private BootPlanning() {}

    /**
     * The kernel and the ELF modules of a request, read and placed in kernel VAs: the part of stage 2
     * that needs no host, so it can run while the host is discovered.
     *
     * @param modules the ELF modules, in the request's order
     */
    public record ElfObjects(ElfObjectLoader.Kernel kernel, List<Loadable> modules) {}

    /** Reads the kernel and every ELF module of {@code request}; raw files are left for {@link #load}. */
    public static ElfObjects readElfObjects(BootRequest request) throws JkbootException {
        ElfObjectLoader.Kernel kernel = ElfObjectLoader.kernel(elf(request.kernel()));
        List<Loadable> modules = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isEmpty()) {
                modules.add(ElfObjectLoader.module(elf(f.source()), f.args()));
            }
        }
        return new ElfObjects(kernel, modules);
    }

    /**
     * Places the raw files of {@code request} among its ELF {@code objects} in kernel VAs, with
     * environment, DTB and metadata; {@code log} hears what the loader would print about the device
     * tree's overlays.
     */
    public static BootImage load(BootHost host, BootRequest request, ElfObjects objects, Consumer<String> log)
            throws JkbootException {
        Iterator<Loadable> modules = objects.modules().iterator();
        List<Loadable> others = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            others.add(f.type().isPresent()
                    ? RawFile.loadable(f.source().name(), f.type().get(), f.source().content(), f.args())
                    : modules.next());
        }
        KernelEnvironment env = environment(host, request);
        Howto howto = request.switches().or(Howto.fromEnvironment(env.variables()));
        MemoryDescription memory = memoryDescription(host);
        Optional<byte[]> dtb = withOverlays(chooseDtb(host, request), request, log);

        return BootImageBuilder.build(objects.kernel().object(), objects.kernel().entryVa(), others, env, howto.bits(),
                dtb, memory);
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
            String rsdp = Hex.padded(host.acpiRsdp().getAsLong(), 16); // kboot's "0x%016llx"
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
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isPresent() && f.type().get().equals("dtb")) {
                return Optional.of(f.source().read());
            }
        }
        return host.hostDtbDescribesHardware() ? host.hostDtb() : Optional.empty();
    }

    /**
     * The tree with every {@code dtbo} file applied in load order, as fdt_apply_overlays does; the
     * overlay files stay among the loaded files, as in FreeBSD. Without a tree (an ACPI host) there
     * is nothing to apply them to, which is said once.
     */
    static Optional<byte[]> withOverlays(Optional<byte[]> dtb, BootRequest request, Consumer<String> log)
            throws JkbootException {
        List<LoaderOverlays.Dtbo> overlays = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isPresent() && f.type().get().equals(OVERLAY_TYPE)) {
                overlays.add(new LoaderOverlays.Dtbo(f.source().name(), f.source().read()));
            }
        }
        if (overlays.isEmpty()) {
            return dtb;
        }
        if (dtb.isEmpty()) {
            log.accept("DTB overlays not applied: FreeBSD gets no device tree on this host (it boots from ACPI); "
                    + overlays.size() + " dtbo file(s) loaded as they are");
            return dtb;
        }
        return Optional.of(LoaderOverlays.apply(dtb.get(), overlays, log));
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
