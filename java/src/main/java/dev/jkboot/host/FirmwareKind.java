package dev.jkboot.host;

/** How the firmware described the machine to Linux, which decides what FreeBSD must be handed. */
public enum FirmwareKind {
    /** UEFI with ACPI tables: FreeBSD gets the UEFI map and finds ACPI through the RSDP. */
    UEFI_ACPI("UEFI with ACPI"),
    /** UEFI with a device tree describing the hardware: FreeBSD gets the UEFI map and the DTB. */
    UEFI_DT("UEFI with a device tree"),
    /** A device tree and no UEFI (QEMU -kernel, U-Boot without EFI): memory comes from the DTB. */
    DT_ONLY("device tree without UEFI"),
    /** The readable facts fit none of the above. */
    UNKNOWN("unknown");

    private final String description;

    FirmwareKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * UEFI when {@code /chosen} carries the EFI stub's properties; ACPI when the system table
     * lists an RSDP, else a device tree when it has nodes besides {@code /chosen}.
     */
    public static FirmwareKind classify(Finding<DeviceTree> dtb, Finding<EfiSystab> systab) {
        if (dtb.optional().isEmpty()) {
            return UNKNOWN;
        }
        DeviceTree dt = dtb.optional().get();
        boolean acpi = systab.optional().isPresent() && systab.optional().get().rsdp().isPresent();
        if (dt.hasUefiProperties()) {
            return acpi ? UEFI_ACPI : dt.describesHardware() ? UEFI_DT : UNKNOWN;
        }
        return dt.describesHardware() ? DT_ONLY : UNKNOWN;
    }
}
