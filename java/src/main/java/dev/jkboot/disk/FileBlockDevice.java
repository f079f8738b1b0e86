package dev.jkboot.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A device node or an image file, opened for reading only: jkboot never writes to a disk.
 *
 * <p>The size comes from the caller (sysfs for device nodes, whose {@code stat} size is 0) or
 * from the file itself for images.
 */
public final class FileBlockDevice implements BlockDevice {
    private final String name;
    private final FileChannel channel;
    private final long size;
    private final int sectorSize;
    /** Mapped windows of the device by index, so that many small runs share a few mappings. */
    private final Map<Long, ByteBuffer> windows = new HashMap<>();

    /** Bytes per mapped window; a range that crosses a window boundary gets a mapping of its own. */
    static final long WINDOW = 256L << 20;

    private FileBlockDevice(String name, FileChannel channel, long size, int sectorSize) {
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.sectorSize = sectorSize;
    }

    /** The disk's device node (or image), with size and sector size from sysfs. */
    public static FileBlockDevice open(DiskInfo disk) throws DiskException {
        if (!Files.exists(disk.node())) {
            throw new DiskException(
                    "device node %s for disk %s (%s) does not exist"
                            .formatted(disk.node(), disk.name(), disk.devNumber()),
                    "mount devtmpfs on /dev (mount -t devtmpfs devtmpfs /dev) or create the node: "
                            + "mknod %s b %s".formatted(
                                    disk.devicePath(), disk.devNumber().replace(':', ' ')));
        }
        return open(disk.devicePath(), disk.node(), disk.sizeBytes(), disk.sectorSize());
    }

    /** A raw disk image file whose partition tables count in {@code sectorSize}-byte LBAs. */
    public static FileBlockDevice openImage(Path image, int sectorSize) throws DiskException {
        long size;
        try {
            size = Files.size(image);
        } catch (IOException e) {
            throw new DiskException(
                    "cannot read the size of disk image %s: %s".formatted(image, e.getMessage()),
                    "check that the image exists and is readable", e);
        }
        return open(image.toString(), image, size, sectorSize);
    }

    private static FileBlockDevice open(String name, Path path, long size, int sectorSize)
            throws DiskException {
        if (sectorSize < 512 || sectorSize > 65536 || Integer.bitCount(sectorSize) != 1) {
            throw new DiskException(
                    "%s: sector size %d is not a power of two between 512 and 65536"
                            .formatted(name, sectorSize),
                    "check queue/logical_block_size in sysfs, or pass 512 or 4096 for an image");
        }
        try {
            return new FileBlockDevice(
                    name, FileChannel.open(path, StandardOpenOption.READ), size, sectorSize);
        } catch (IOException | SecurityException e) {
            throw new DiskException(
                    "cannot open %s read-only: %s".formatted(name, e.getMessage()),
                    "run jkboot as root, or check that the device exists", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public byte[] read(long offset, int length) throws DiskException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new DiskException(
                    "%s: read of %d bytes at %s goes past the end of the device (%d bytes)"
                            .formatted(name, length, where(offset), size),
                    "the partition table or file system points outside the disk; "
                            + "check that the image is complete");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    throw new DiskException(
                            "%s: unexpected end of data at %s (expected %d bytes)"
                                    .formatted(name, where(offset + buffer.position()), size),
                            "the device is smaller than its reported size; "
                                    + "check the disk or image");
                }
            }
        } catch (IOException e) {
            throw new DiskException(
                    "%s: I/O error reading %d bytes at %s: %s"
                            .formatted(name, length, where(offset), e.getMessage()),
                    "check the disk (dmesg shows the driver's view)", e);
        }
        return buffer.array();
    }

    @Override
    public ByteBuffer map(long offset, int length) throws DiskException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new DiskException(
                    "%s: mapping %d bytes at %s goes past the end of the device (%d bytes)"
                            .formatted(name, length, where(offset), size),
                    "the partition table or file system points outside the disk; "
                            + "check that the image is complete");
        }
        long index = offset / WINDOW;
        int within = (int) (offset % WINDOW);
        try {
            if (within + (long) length > WINDOW) {
                return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
            }
            ByteBuffer window = windows.get(index);
            if (window == null) {
                long start = index * WINDOW;
                window = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
                windows.put(index, window);
            }
            return window.slice(within, length).asReadOnlyBuffer();
        } catch (IOException e) {
            throw new DiskException(
                    "%s: cannot map %d bytes at %s: %s".formatted(name, length, where(offset), e.getMessage()),
                    "check the disk (dmesg shows the driver's view)", e);
        }
    }

    private String where(long offset) {
        return "offset 0x%x (LBA %d)".formatted(offset, offset / sectorSize);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written, so a failing close of a read-only channel loses nothing.
        }
    }
}
