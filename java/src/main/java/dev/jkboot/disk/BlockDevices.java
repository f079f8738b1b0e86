package dev.jkboot.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The host's block devices as Linux lists them in {@code /sys/block}, read from a host root (a
 * directory standing for {@code /}: the real root, or a captured tree in tests).
 */
public final class BlockDevices {
    /** sysfs {@code size} and {@code start} count 512-byte units whatever the sector size. */
    private static final int SYSFS_UNIT = 512;

    private BlockDevices() {}

    /** Every disk in {@code /sys/block} with a {@code size} file, sorted by name. */
    public static List<DiskInfo> enumerate(Path hostRoot) throws DiskException {
        Path sysBlock = hostRoot.resolve("sys/block");
        if (!Files.isDirectory(sysBlock)) {
            throw new DiskException(
                    sysBlock + " does not exist, so no disks can be found",
                    "mount sysfs (mount -t sysfs sysfs /sys)");
        }
        List<DiskInfo> disks = new ArrayList<>();
        for (Path dir : sortedChildren(sysBlock)) {
            if (Files.isRegularFile(dir.resolve("size"))) {
                disks.add(describe(hostRoot, dir));
            }
        }
        return List.copyOf(disks);
    }

    private static DiskInfo describe(Path hostRoot, Path dir) throws DiskException {
        String name = dir.getFileName().toString();
        Optional<Long> logical = readNumber(dir, "queue/logical_block_size");
        long sectorSize = logical.isPresent()
                ? logical.get()
                : readNumber(dir, "queue/hw_sector_size").orElse((long) SYSFS_UNIT);
        long size = requireNumber(dir, "size") * SYSFS_UNIT;
        Optional<String> serial = readText(dir, "serial").or(() -> readText(dir, "device/serial"));
        String devNumber = readText(dir, "dev").orElse("?:?");
        List<SysfsPartition> partitions = new ArrayList<>();
        for (Path child : sortedChildren(dir)) {
            String childName = child.getFileName().toString();
            if (childName.startsWith(name) && Files.isRegularFile(child.resolve("partition"))) {
                partitions.add(new SysfsPartition(
                        childName,
                        hostRoot.resolve("dev").resolve(childName),
                        (int) Math.min(requireNumber(child, "partition"), Integer.MAX_VALUE),
                        readNumber(child, "start").orElse(0L) * SYSFS_UNIT,
                        readNumber(child, "size").orElse(0L) * SYSFS_UNIT));
            }
        }
        return new DiskInfo(
                name,
                "/dev/" + name,
                hostRoot.resolve("dev").resolve(name),
                size,
                // An absurd value stays absurd (and is refused on open) instead of wrapping.
                (int) Math.min(sectorSize, Integer.MAX_VALUE),
                serial,
                devNumber,
                partitions);
    }

    private static List<Path> sortedChildren(Path dir) throws DiskException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            List<Path> dirs = new ArrayList<>();
            for (Path child : children) {
                if (Files.isDirectory(child)) {
                    dirs.add(child);
                }
            }
            Collections.sort(dirs);
            return dirs;
        } catch (IOException e) {
            throw new DiskException(
                    "cannot list %s: %s".formatted(dir, e.getMessage()), "run jkboot as root", e);
        }
    }

    private static Optional<Long> readNumber(Path dir, String file) throws DiskException {
        Optional<String> text = readText(dir, file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < 0 || value > Long.MAX_VALUE / SYSFS_UNIT) {
                throw new NumberFormatException("out of range");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new DiskException(
                    "%s holds \"%s\", not a number".formatted(dir.resolve(file), text.get()),
                    "the sysfs tree is damaged; if it is a captured copy, capture it again");
        }
    }

    private static long requireNumber(Path dir, String file) throws DiskException {
        Optional<Long> value = readNumber(dir, file);
        if (value.isEmpty()) {
            throw new DiskException(
                    "%s is missing or empty".formatted(dir.resolve(file)),
                    "the sysfs tree is damaged; if it is a captured copy, capture it again");
        }
        return value.get();
    }

    private static Optional<String> readText(Path dir, String file) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
