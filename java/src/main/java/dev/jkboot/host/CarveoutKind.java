package dev.jkboot.host;

/** What a range taken out of System RAM is for, judged from its {@code /proc/iomem} name. */
public enum CarveoutKind {
    /** "reserved"/"Reserved": memblock reservations, firmware areas, GICv3 LPI tables. */
    RESERVED,
    /** "ACPI Tables", "ACPI Non-volatile Storage". */
    ACPI,
    /** "Crash kernel": memory set aside for kdump. */
    CRASH_KERNEL,
    /** Anything else a driver or the kernel claimed inside RAM. */
    OTHER;

    static CarveoutKind ofName(String name) {
        if (name.equalsIgnoreCase("reserved")) {
            return RESERVED;
        }
        if (name.startsWith("ACPI")) {
            return ACPI;
        }
        if (name.equals("Crash kernel")) {
            return CRASH_KERNEL;
        }
        return OTHER;
    }
}
