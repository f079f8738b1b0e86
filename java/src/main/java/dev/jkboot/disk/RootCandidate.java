package dev.jkboot.disk;

/** A partition that may hold the FreeBSD root file system. */
public record RootCandidate(DiskInfo disk, Partition partition) {

    /** The {@code DEV[:PART]} spelling that selects exactly this partition. */
    public String spec() {
        return disk.devicePath() + (partition.id().isEmpty() ? "" : ":" + partition.id());
    }

    public String describe() {
        return spec() + " (" + partition.describe() + ")";
    }
}
