package dev.jkboot.boot;

import dev.jkboot.plan.TargetMemory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a boot needs to know about the host, distilled from discovery.
 *
 * @param memory RAM the image may occupy (System RAM minus Linux's carve-outs) and what must survive the jump
 * @param uefi the UEFI tables Linux was handed, on UEFI hosts
 * @param hostDtb the device tree Linux booted with ({@code /sys/firmware/fdt})
 * @param hostDtbDescribesHardware false for the EFI stub's skeleton (only {@code /chosen}): passing
 *     that would make FreeBSD pick FDT over ACPI and find no devices
 * @param acpiRsdp the ACPI root pointer from {@code /sys/firmware/efi/systab}
 * @param uartPhys the PL011 the trampoline may greet on (0 = none known)
 * @param smbios the {@code smbios.*} and {@code hint.smbios.0.mem} variables decoded from the
 *     host's SMBIOS tables, in the loader's order; empty when the host has none
 */
public record BootHost(TargetMemory memory, Optional<Uefi> uefi, Optional<byte[]> hostDtb,
                       boolean hostDtbDescribesHardware, OptionalLong acpiRsdp, long uartPhys,
                       Map<String, String> smbios) {

    public BootHost {
        smbios = Collections.unmodifiableMap(new LinkedHashMap<>(smbios));
    }

    /**
     * @param descriptors the map itself when {@code /dev/mem} let us read it; otherwise the
     *     trampoline copies it from {@code mapPhys} at jump time
     */
    public record Uefi(long systemTablePhys, long mapPhys, long mapSize, long descriptorSize, int descriptorVersion,
                       Optional<byte[]> descriptors) {}

}
