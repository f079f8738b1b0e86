package dev.jkboot.host;

/** UEFI memory descriptor types 0..14, by the names the UEFI specification gives them. */
public enum EfiMemoryType {
    RESERVED("Reserved"),
    LOADER_CODE("LoaderCode"),
    LOADER_DATA("LoaderData"),
    BOOT_SERVICES_CODE("BootServicesCode"),
    BOOT_SERVICES_DATA("BootServicesData"),
    RUNTIME_SERVICES_CODE("RuntimeServicesCode"),
    RUNTIME_SERVICES_DATA("RuntimeServicesData"),
    CONVENTIONAL("ConventionalMemory"),
    UNUSABLE("UnusableMemory"),
    ACPI_RECLAIM("ACPIReclaimMemory"),
    ACPI_NVS("ACPIMemoryNVS"),
    MMIO("MemoryMappedIO"),
    MMIO_PORT_SPACE("MemoryMappedIOPortSpace"),
    PAL_CODE("PalCode"),
    PERSISTENT("PersistentMemory");

    private final String specName;

    EfiMemoryType(String specName) {
        this.specName = specName;
    }

    /** The name for a raw type number; OEM/OS-defined and unknown numbers are shown in hex. */
    public static String nameOf(long type) {
        return type >= 0 && type < values().length ? values()[(int) type].specName
                : "type 0x%x".formatted(type);
    }
}
