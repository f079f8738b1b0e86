package dev.jkboot.disk;

import java.nio.file.Path;

/**
 * A partition the running Linux found on a disk ({@code /sys/block/vda/vda2}). jkboot reads the
 * partition tables itself; these are kept to relate Linux's names ({@code /dev/vda2}) to them.
 *
 * @param number Linux's partition number (the {@code partition} file)
 * @param startBytes offset from the start of the disk (sysfs {@code start}, always in 512-byte units)
 */
public record SysfsPartition(String name, Path node, int number, long startBytes, long sizeBytes) {}
