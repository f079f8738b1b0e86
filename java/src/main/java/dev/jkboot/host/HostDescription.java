package dev.jkboot.host;

import dev.jkboot.host.Finding.Reader;
import dev.jkboot.host.Finding.Step;
import java.util.OptionalLong;

/**
 * Everything jkboot knows about the running Linux and its firmware, each part either what its
 * reader found or why it could not (so a probe describes even a half-readable host). A boot takes
 * what it needs with {@link Finding#orElseThrow()}, which reports the original reason.
 *
 * @param ram usable RAM, carve-outs and the running kernel, from {@code /proc/iomem}
 * @param meminfo the memory figures that bound staging buffers
 * @param commandLine the running kernel's {@code /proc/cmdline}
 * @param deviceTree the blob and tree from {@code /sys/firmware/fdt}
 * @param uefi the {@code /chosen linux,uefi-*} facts; not available on a non-UEFI boot
 * @param efiMap the UEFI memory map read through {@code /dev/mem}, or why not (then the
 *     trampoline must copy it from {@code uefi.mapAddress} at jump time)
 * @param systab configuration tables from {@code /sys/firmware/efi/systab} (ACPI RSDP, SMBIOS)
 * @param smbios the SMBIOS entry point Linux exports
 * @param acpiTables the ACPI tables Linux exports, by signature
 * @param spcr the ACPI serial console table
 * @param firmware how the firmware described the machine
 * @param kexec the facts that decide kexec readiness
 * @param readiness whether a kexec can happen, with every blocker and its way out
 */
public record HostDescription(HostRoot root, Finding<RamMap> ram, Finding<Meminfo> meminfo,
        Finding<KernelCommandLine> commandLine, Finding<DeviceTree> deviceTree,
        Finding<UefiFacts> uefi, Finding<EfiMemoryMap> efiMap, Finding<EfiSystab> systab,
        Finding<Smbios> smbios, Finding<AcpiTables> acpiTables, Finding<Spcr> spcr,
        FirmwareKind firmware, KexecFacts kexec, KexecReadiness readiness) {

    /**
     * Reads every part of the host under {@code root}; never fails. {@code jvmArch} is the JVM's
     * {@code os.arch}, used only when the root is this machine's and the kernel does not say.
     */
    public static HostDescription read(HostRoot root, String jvmArch) {
        // Anonymous readers, not lambdas: linking a lambda call site costs milliseconds at start-up
        // under emulation, loading an anonymous class from the CDS archive a tenth of that (issue 12).
        Finding<DeviceTree> deviceTree = Finding.of(new Reader<>() {
            public DeviceTree read() throws HostException { return DeviceTree.read(root); }
        });
        Finding<UefiFacts> uefi = deviceTree.then(new Step<>() {
            public UefiFacts apply(DeviceTree dt) throws HostException {
                return UefiFacts.of(dt, root.show(DeviceTree.PATH));
            }
        });
        Finding<EfiSystab> systab = Finding.of(new Reader<>() {
            public EfiSystab read() throws HostException { return EfiSystab.read(root); }
        });
        Finding<SecureBootMode> secureBoot = deviceTree.then(new Step<>() {
            public SecureBootMode apply(DeviceTree dt) throws HostException { return dt.secureBoot(); }
        });
        KexecFacts kexec = KexecFacts.read(root, jvmArch, secureBoot);
        return new HostDescription(root,
                Finding.of(new Reader<>() {
                    public RamMap read() throws HostException { return RamMap.read(root); }
                }),
                Finding.of(new Reader<>() {
                    public Meminfo read() throws HostException { return Meminfo.read(root); }
                }),
                Finding.of(new Reader<>() {
                    public KernelCommandLine read() throws HostException { return KernelCommandLine.read(root); }
                }),
                deviceTree,
                uefi,
                uefi.then(new Step<>() {
                    public EfiMemoryMap apply(UefiFacts u) throws HostException {
                        return EfiMemoryMap.readThroughDevMem(root, u);
                    }
                }),
                systab,
                Finding.of(new Reader<>() {
                    public Smbios read() throws HostException { return Smbios.read(root); }
                }),
                Finding.of(new Reader<>() {
                    public AcpiTables read() throws HostException { return AcpiTables.read(root); }
                }),
                Finding.of(new Reader<>() {
                    public Spcr read() throws HostException { return Spcr.read(root); }
                }),
                FirmwareKind.classify(deviceTree, systab),
                kexec,
                KexecReadiness.assess(kexec));
    }

    /** The ACPI root pointer, when the UEFI system table lists one. */
    public OptionalLong rsdp() {
        return systab instanceof Finding.Found<EfiSystab> found ? found.value().rsdp() : OptionalLong.empty();
    }
}
