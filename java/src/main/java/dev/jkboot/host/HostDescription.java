package dev.jkboot.host;

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
        Finding<DeviceTree> deviceTree = Finding.of(() -> DeviceTree.read(root));
        Finding<UefiFacts> uefi = deviceTree.then(dt -> UefiFacts.of(dt, root.show(DeviceTree.PATH)));
        Finding<EfiSystab> systab = Finding.of(() -> EfiSystab.read(root));
        KexecFacts kexec = KexecFacts.read(root, jvmArch, deviceTree.then(DeviceTree::secureBoot));
        return new HostDescription(root,
                Finding.of(() -> RamMap.read(root)),
                Finding.of(() -> Meminfo.read(root)),
                Finding.of(() -> KernelCommandLine.read(root)),
                deviceTree,
                uefi,
                uefi.then(u -> EfiMemoryMap.readThroughDevMem(root, u)),
                systab,
                Finding.of(() -> Smbios.read(root)),
                Finding.of(() -> AcpiTables.read(root)),
                Finding.of(() -> Spcr.read(root)),
                FirmwareKind.classify(deviceTree, systab),
                kexec,
                KexecReadiness.assess(kexec));
    }


    /** The ACPI root pointer, when the UEFI system table lists one. */
    public OptionalLong rsdp() {
        return systab.optional().map(EfiSystab::rsdp).orElse(OptionalLong.empty());
    }
}
