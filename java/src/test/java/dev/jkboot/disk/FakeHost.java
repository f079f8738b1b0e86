package dev.jkboot.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A host root with a hand-made {@code /sys/block} and {@code /dev}, as a captured tree would have. */
public final class FakeHost {
    private final Path root;

    public FakeHost(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A disk in sysfs; {@code logicalBlockSize} 0 leaves the queue directory out. */
    public Path disk(String name, long sizeBytes, int logicalBlockSize, String serial, String dev)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve("sys/block").resolve(name));
        Files.writeString(dir.resolve("size"), sizeBytes / 512 + "\n");
        Files.writeString(dir.resolve("dev"), dev + "\n");
        if (logicalBlockSize > 0) {
            Files.createDirectories(dir.resolve("queue"));
            Files.writeString(dir.resolve("queue/logical_block_size"), logicalBlockSize + "\n");
            Files.writeString(dir.resolve("queue/hw_sector_size"), logicalBlockSize + "\n");
        }
        if (serial != null) {
            Files.writeString(dir.resolve("serial"), serial + "\n");
        }
        return dir;
    }

    public void partition(String disk, String name, int number, long startByte, long sizeBytes)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve("sys/block").resolve(disk).resolve(name));
        Files.writeString(dir.resolve("partition"), number + "\n");
        Files.writeString(dir.resolve("start"), startByte / 512 + "\n");
        Files.writeString(dir.resolve("size"), sizeBytes / 512 + "\n");
    }

    /** Where the device node {@code /dev/name} lives in this tree (a plain file in tests). */
    public Path node(String name) throws IOException {
        return Files.createDirectories(root.resolve("dev")).resolve(name);
    }
}
