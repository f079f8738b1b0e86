package dev.jkboot.disk;

import dev.jkboot.mem.Align;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses the partitions that may hold the FreeBSD root: for UFS, every {@code freebsd-ufs} GPT
 * partition, every BSD-label partition {@code a} of type 4.2BSD, and disks without a partition
 * table; for ZFS, every partition that may be a pool's vdev: {@code freebsd-zfs} GPT partitions,
 * BSD-label partitions of type ZFS, FreeBSD MBR slices without a label, and disks without a
 * partition table. GPT partitions with the gpart {@code bootme} attribute come first.
 * {@code bootonce} is only shown: jkboot never writes, so it could not clear the attribute after
 * one try the way gptboot does.
 */
public final class RootCandidates {
    /** kboot ignores disks below 16 MiB (stand/kboot/kboot/hostdisk.c). */
    public static final long MIN_DISK_BYTES = 16 * Align.MIB;

    private RootCandidates() {}

    /**
     * The candidates on the host's disks, or exactly the user's choice.
     *
     * @throws DiskException if nothing qualifies, or the choice names no disk or partition
     */
    public static RootSelection find(Path hostRoot, Optional<DiskSpec> choice)
            throws DiskException {
        List<DiskInfo> disks = BlockDevices.enumerate(hostRoot);
        return choice.isPresent() ? chosen(disks, choice.get()) : automatic(disks);
    }

    private static RootSelection automatic(List<DiskInfo> disks) throws DiskException {
        List<RootCandidate> candidates = new ArrayList<>();
        List<RootCandidate> zfs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (DiskInfo disk : disks) {
            if (disk.sizeBytes() < MIN_DISK_BYTES) {
                notes.add("%s skipped: smaller than %s".formatted(
                        disk.describe(), Align.human(MIN_DISK_BYTES)));
                continue;
            }
            PartitionTable table;
            try {
                table = scan(disk);
            } catch (DiskException e) {
                notes.add("%s skipped: %s".formatted(disk.describe(), e.getMessage()));
                continue;
            }
            table.notes().forEach(note -> notes.add(disk.devicePath() + ": " + note));
            List<RootCandidate> found = candidatesOn(disk, table);
            List<RootCandidate> vdevs = zfsVdevsOn(disk, table);
            if (found.isEmpty() && vdevs.isEmpty()) {
                notes.add("%s has no FreeBSD UFS or ZFS partition: %s"
                        .formatted(disk.describe(), summary(table)));
            }
            candidates.addAll(found);
            zfs.addAll(vdevs);
        }
        if (candidates.isEmpty() && zfs.isEmpty()) {
            throw new DiskException(
                    "no disk holds a FreeBSD UFS or ZFS partition"
                            + (notes.isEmpty() ? " (no disks found)" : ": " + String.join("; ", notes)),
                    "attach the FreeBSD disk, or name it with DEV[:PART] (e.g. /dev/vda:2)");
        }
        return new RootSelection(candidates, zfs, zfs, notes);
    }

    /**
     * Every partition on the host's disks that may be a ZFS vdev, for finding the other members of
     * a pool; disks that cannot be read are left out here (the search itself reports them).
     */
    private static List<RootCandidate> hostVdevs(List<DiskInfo> disks) {
        List<RootCandidate> vdevs = new ArrayList<>();
        for (DiskInfo disk : disks) {
            if (disk.sizeBytes() >= MIN_DISK_BYTES) {
                try {
                    vdevs.addAll(zfsVdevsOn(disk, scan(disk)));
                } catch (DiskException e) {
                    // Not readable: it holds no member jkboot could use either.
                }
            }
        }
        return vdevs;
    }

    /** The vdevs the user's choice names first, then every other one on the host. */
    private static List<RootCandidate> withHostVdevs(List<RootCandidate> chosen, List<DiskInfo> disks) {
        List<RootCandidate> all = new ArrayList<>(chosen);
        for (RootCandidate vdev : hostVdevs(disks)) {
            if (all.stream().noneMatch(c -> c.spec().equals(vdev.spec()))) {
                all.add(vdev);
            }
        }
        return all;
    }

    private static RootSelection chosen(List<DiskInfo> disks, DiskSpec choice)
            throws DiskException {
        Target target = target(disks, choice);
        PartitionTable table = scan(target.disk());
        Optional<String> partition = choice.partition();
        if (target.linuxPartition().isPresent()) {
            partition = Optional.of(matching(target.disk(), table, target.linuxPartition().get()));
        }
        if (partition.isEmpty()) {
            List<RootCandidate> found = candidatesOn(target.disk(), table);
            List<RootCandidate> vdevs = zfsVdevsOn(target.disk(), table);
            if (found.isEmpty() && vdevs.isEmpty()) {
                throw new DiskException(
                        "%s has no FreeBSD UFS or ZFS partition: %s"
                                .formatted(target.disk().describe(), summary(table)),
                        "name the partition: %s:PART".formatted(choice.device()));
            }
            return new RootSelection(found, vdevs, withHostVdevs(vdevs, disks), table.notes());
        }
        String wanted = partition.get();
        Partition p = table.find(wanted).orElseThrow(() -> new DiskException(
                "%s has no partition \"%s\" (id or unique GPT name): %s"
                        .formatted(target.disk().describe(), wanted, summary(table)),
                "use one of the ids shown, e.g. %s:%s".formatted(
                        choice.device(),
                        table.partitions().isEmpty() ? "1" : table.partitions().get(0).id())));
        // The file system probe decides what a named partition holds, unless its type says it.
        RootCandidate named = new RootCandidate(target.disk(), p);
        List<RootCandidate> ufs = p.kind() == PartitionKind.FREEBSD_ZFS ? List.of() : List.of(named);
        List<RootCandidate> zfs = p.kind() == PartitionKind.FREEBSD_UFS ? List.of() : List.of(named);
        return new RootSelection(ufs, zfs, withHostVdevs(zfs, disks), table.notes());
    }

    /** The disk a DEV names, and the Linux partition it names if it is one. */
    private record Target(DiskInfo disk, Optional<SysfsPartition> linuxPartition) {}

    private static Target target(List<DiskInfo> disks, DiskSpec choice) throws DiskException {
        String device = choice.device();
        if (device.startsWith(DiskSpec.SERIAL_PREFIX)) {
            String serial = device.substring(DiskSpec.SERIAL_PREFIX.length());
            List<DiskInfo> matches = disks.stream()
                    .filter(d -> d.serial().equals(Optional.of(serial)))
                    .toList();
            if (matches.size() != 1) {
                throw new DiskException(
                        "%s disks have serial \"%s\"; serials present: %s".formatted(
                                matches.isEmpty() ? "no" : matches.size(), serial,
                                disks.stream().map(DiskInfo::describe).collect(Collectors.joining(", "))),
                        "give the disk a unique serial (QEMU: -device virtio-blk-device,serial=NAME) "
                                + "or name it by /dev path");
            }
            return new Target(matches.get(0), Optional.empty());
        }
        String name = device.startsWith("/dev/") ? device.substring("/dev/".length()) : device;
        for (DiskInfo disk : disks) {
            if (disk.name().equals(name)) {
                return new Target(disk, Optional.empty());
            }
            for (SysfsPartition p : disk.partitions()) {
                if (p.name().equals(name)) {
                    if (choice.partition().isPresent()) {
                        throw new DiskException(
                                "\"%s\" names a partition twice: %s is already partition %d of %s"
                                        .formatted(choice, device, p.number(), disk.devicePath()),
                                "write either %s or %s:PART".formatted(device, disk.devicePath()));
                    }
                    return new Target(disk, Optional.of(p));
                }
            }
        }
        Optional<Path> image = asPath(device);
        if (image.isPresent() && Files.isRegularFile(image.get())) {
            try {
                return new Target(DiskInfo.image(image.get(), Files.size(image.get())), Optional.empty());
            } catch (IOException e) {
                throw new DiskException(
                        "cannot read the size of disk image %s: %s".formatted(device, e.getMessage()),
                        "check that the image is readable", e);
            }
        }
        throw new DiskException(
                "no disk, partition or image file \"%s\"; disks present: %s".formatted(
                        device,
                        disks.isEmpty() ? "none"
                                : disks.stream().map(DiskInfo::describe).collect(Collectors.joining(", "))),
                "name a disk as /dev/NAME, NAME or serial=SERIAL");
    }

    private static Optional<Path> asPath(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Our partition at the same place as Linux's, preferring the innermost (a label's 'a' over its slice). */
    private static String matching(DiskInfo disk, PartitionTable table, SysfsPartition linux)
            throws DiskException {
        return table.partitions().stream()
                .filter(p -> p.startByte() == linux.startBytes() && p.sizeBytes() == linux.sizeBytes())
                .min(Comparator.comparing(p -> p.kind() == PartitionKind.FREEBSD_SLICE))
                .map(Partition::id)
                .orElseThrow(() -> new DiskException(
                        "Linux's %s (%s at 0x%x) matches no partition jkboot reads on %s: %s".formatted(
                                linux.name(), Align.human(linux.sizeBytes()), linux.startBytes(),
                                disk.devicePath(), summary(table)),
                        "name the partition by its id: %s:PART".formatted(disk.devicePath())));
    }

    private static List<RootCandidate> candidatesOn(DiskInfo disk, PartitionTable table) {
        return bootmeFirst(disk, table, RootCandidates::mayBeRoot);
    }

    private static List<RootCandidate> zfsVdevsOn(DiskInfo disk, PartitionTable table) {
        return bootmeFirst(disk, table, p -> mayBeZfsVdev(p, table));
    }

    /** The partitions {@code wanted} accepts, bootme ones first, the rest in table order (the sort is stable). */
    private static List<RootCandidate> bootmeFirst(DiskInfo disk, PartitionTable table, Predicate<Partition> wanted) {
        List<RootCandidate> candidates = new ArrayList<>();
        for (Partition p : table.partitions()) {
            if (wanted.test(p)) {
                candidates.add(new RootCandidate(disk, p));
            }
        }
        candidates.sort((a, b) -> Boolean.compare(!a.partition().bootme(), !b.partition().bootme()));
        return candidates;
    }

    /**
     * Where FreeBSD puts a pool: a freebsd-zfs GPT partition, a BSD-label partition of type ZFS
     * (bsdinstall's MBR layout), a FreeBSD slice holding the pool itself rather than a label, or a
     * disk without a table.
     */
    private static boolean mayBeZfsVdev(Partition p, PartitionTable table) {
        return switch (p.scheme()) {
            case GPT, BSD -> p.kind() == PartitionKind.FREEBSD_ZFS;
            case MBR -> p.kind() == PartitionKind.FREEBSD_SLICE && table.partitions().stream()
                    .noneMatch(inner -> inner.scheme() == PartitionScheme.BSD
                            && inner.id().length() == p.id().length() + 1 && inner.id().startsWith(p.id()));
            case NONE -> true;
        };
    }

    private static boolean mayBeRoot(Partition p) {
        return switch (p.scheme()) {
            case GPT -> p.kind() == PartitionKind.FREEBSD_UFS;
            case BSD -> p.kind() == PartitionKind.FREEBSD_UFS && p.id().endsWith("a");
            case NONE -> true;
            case MBR -> false;
        };
    }

    private static PartitionTable scan(DiskInfo disk) throws DiskException {
        try (BlockDevice dev = FileBlockDevice.open(disk)) {
            return PartitionTable.read(dev);
        }
    }

    private static String summary(PartitionTable table) {
        String parts = table.partitions().isEmpty()
                ? "no partitions"
                : table.partitions().stream().map(Partition::describe).collect(Collectors.joining(", "));
        return "%s (%s): %s".formatted(table.scheme(), table.source(), parts);
    }
}
