package dev.jkboot.disk;

import dev.jkboot.mem.Align;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole disk as the running Linux describes it in {@code /sys/block}.
 *
 * @param name kernel name, e.g. {@code vda}
 * @param devicePath how the user names it: {@code /dev/vda}, or the path of an image file
 * @param node device node under the host root, e.g. {@code <root>/dev/vda}
 * @param sizeBytes sysfs {@code size} × 512 (sysfs counts 512-byte units whatever the sector size)
 * @param sectorSize logical sector size: the unit partition tables count in
 * @param serial the disk's serial number when the driver exports one (virtio, SCSI, NVMe); the only
 *     stable identity, since virtio-mmio disks enumerate in reverse order
 * @param devNumber {@code major:minor}, to tell the user how to create a missing node
 */
public record DiskInfo(
        String name,
        String devicePath,
        Path node,
        long sizeBytes,
        int sectorSize,
        Optional<String> serial,
        String devNumber,
        List<SysfsPartition> partitions) {

    public DiskInfo {
        partitions = List.copyOf(partitions);
    }

    /** A disk image file standing in for a disk (512-byte sectors), e.g. on a developer's laptop. */
    public static DiskInfo image(Path image, long sizeBytes) {
        return new DiskInfo(
                image.getFileName().toString(), image.toString(), image, sizeBytes, 512,
                Optional.empty(), "", List.of());
    }

    /** E.g. {@code /dev/vda (20 MiB, serial "root")}. */
    public String describe() {
        return "%s (%s%s)".formatted(
                devicePath,
                Align.human(sizeBytes),
                serial.map(s -> ", serial \"" + s + "\"").orElse(""));
    }
}
