package dev.jkboot.host;

import dev.jkboot.fdt.Chosen;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the Linux EFI stub recorded in {@code /chosen} about UEFI: the system table and the memory
 * map (physical address, byte size, descriptor size and version). FreeBSD needs all of them; a
 * boot without them has no UEFI map to hand on.
 */
public record UefiFacts(long systemTable, long mapAddress, long mapSize, long descriptorSize,
        long descriptorVersion, SecureBootMode secureBoot) {

    public static UefiFacts of(DeviceTree dt, String where) throws HostException {
        Chosen c = dt.chosen();
        List<String> missing = new ArrayList<>();
        require(c.uefiSystemTable(), "linux,uefi-system-table", missing);
        require(c.uefiMmapStart(), "linux,uefi-mmap-start", missing);
        require(c.uefiMmapSize(), "linux,uefi-mmap-size", missing);
        require(c.uefiMmapDescSize(), "linux,uefi-mmap-desc-size", missing);
        require(c.uefiMmapDescVersion(), "linux,uefi-mmap-desc-ver", missing);
        if (missing.size() == 5) {
            throw new HostException(where, "/chosen has no linux,uefi-* properties: Linux was not "
                    + "booted through UEFI", "");
        }
        if (!missing.isEmpty()) {
            throw new HostException(where, "/chosen lacks " + String.join(", ", missing)
                    + ", so the UEFI memory map cannot be found", "");
        }
        return new UefiFacts(c.uefiSystemTable().getAsLong(), c.uefiMmapStart().getAsLong(),
                c.uefiMmapSize().getAsLong(), c.uefiMmapDescSize().getAsLong(),
                c.uefiMmapDescVersion().getAsLong(), dt.secureBoot());
    }

    private static void require(OptionalLong value, String name, List<String> missing) {
        if (value.isEmpty()) {
            missing.add(name);
        }
    }

    /** How many descriptors the map holds, when its shape is valid. */
    public long descriptorCount() {
        return descriptorSize == 0 ? 0 : mapSize / descriptorSize;
    }
}
