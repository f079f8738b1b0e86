package dev.jkboot.smbios;

import java.util.List;

/** The names smbios.c's {@code smbios_parse_chassis_type} gives the type 3 chassis type byte (0x05). */
final class ChassisType {
    /** Names of types 0x01 to 0x24, in order. */
    private static final List<String> NAMES = List.of(
            "Other", "Unknown", "Desktop", "Low Profile Desktop", "Pizza Box", "Mini Tower", "Tower",
            "Portable", "Laptop", "Notebook", "Hand Held", "Docking Station", "All in One", "Sub Notebook",
            "Lunch Box", "Space-saving", "Main Server Chassis", "Expansion Chassis", "SubChassis",
            "Bus Expansion Chassis", "Peripheral Chassis", "RAID Chassis", "Rack Mount Chassis",
            "Sealed-case PC", "Multi-system chassis", "Compact PCI", "Advanced TCA", "Blade",
            "Blade Enclosure", "Tablet", "Convertible", "Detachable", "IoT Gateway", "Embedded PC",
            "Mini PC", "Stick PC");

    private ChassisType() {}

    /** The whole byte is compared, as FreeBSD does: the lock bit (0x80) makes a type "Undefined". */
    static String name(int type) {
        return type >= 1 && type <= NAMES.size() ? NAMES.get(type - 1) : "Undefined";
    }
}
