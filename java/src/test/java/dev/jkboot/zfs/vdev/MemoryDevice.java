package dev.jkboot.zfs.vdev;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import java.util.Arrays;

/**
 * A device of {@code size} bytes that holds {@code window} at {@code windowStart} and zeros
 * elsewhere, counting its reads; {@code failing} makes every read fail as a bad disk's would.
 */
final class MemoryDevice implements BlockDevice {
    private final String name;
    private final long size;
    private final long windowStart;
    private final byte[] window;
    private final boolean failing;
    int reads;

    MemoryDevice(String name, long size, long windowStart, byte[] window, boolean failing) {
        this.name = name;
        this.size = size;
        this.windowStart = windowStart;
        this.window = window;
        this.failing = failing;
    }

    MemoryDevice(String name, long size, long windowStart, byte[] window) {
        this(name, size, windowStart, window, false);
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
        return 512;
    }

    @Override
    public byte[] read(long offset, int length) throws DiskException {
        reads++;
        if (failing) {
            throw new DiskException("I/O error reading " + name, "replace the disk");
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new DiskException("read outside " + name, "");
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long at = offset + i - windowStart;
            if (at >= 0 && at < window.length) {
                out[i] = window[(int) at];
            }
        }
        return out;
    }

    /** The same device with its window replaced. */
    MemoryDevice with(byte[] newWindow) {
        return new MemoryDevice(name, size, windowStart, newWindow, failing);
    }

    byte[] window() {
        return Arrays.copyOf(window, window.length);
    }

    @Override
    public void close() {}
}
