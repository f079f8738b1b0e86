package dev.jkboot.disk;

import java.util.Optional;

/** A partition that may hold the FreeBSD root file system. */
public record RootCandidate(DiskInfo disk, Partition partition) {

    /** The {@code DEV[:PART]} spelling that selects exactly this partition. */
    public String spec() {
        return disk.devicePath() + (partition.id().isEmpty() ? "" : ":" + partition.id());
    }

    /**
     * The name kboot's hostdisk.c gives this device, which becomes {@code currdev} and
     * {@code loaddev}: the Linux node of the partition, or of the whole disk, and a colon
     * ({@code hostdisk_fmtdev}), e.g. "/dev/vda2:". Empty when Linux has no node for it (a BSD
     * label partition, a partition of a disk image), which kboot could not boot from either.
     */
    public Optional<String> loaderDevice() {
        if (partition.kind() == PartitionKind.WHOLE_DISK) {
            return Optional.of(disk.devicePath() + ":");
        }
        return disk.partitions().stream()
                .filter(p -> p.startBytes() == partition.startByte() && p.sizeBytes() == partition.sizeBytes())
                .findFirst()
                .map(p -> "/dev/" + p.name() + ":");
    }

    public String describe() {
        return spec() + " (" + partition.describe() + ")";
    }
}
