package dev.jkboot.disk;

import java.nio.ByteBuffer;

/**
 * A disk (or disk image) that jkboot only ever reads. Offsets and lengths are in bytes; the
 * sector size is the logical block size that partition tables count in.
 */
public interface BlockDevice extends AutoCloseable {

    /** How the user knows this device, for messages: {@code /dev/vda} or an image path. */
    String name();

    /** Size in bytes. */
    long size();

    /** Logical sector size in bytes (512 or 4096 in practice): the unit of LBAs. */
    int sectorSize();

    /**
     * Exactly {@code length} bytes starting at {@code offset}.
     *
     * @throws DiskException if the range is not inside the device or the read fails
     */
    byte[] read(long offset, int length) throws DiskException;

    /**
     * A read-only view of {@code length} bytes (at most 1 GiB) starting at {@code offset}, read
     * when used: a device or image file maps it, so a large file on a file system costs no Java
     * heap. This default reads the bytes at once, for devices that are not files.
     *
     * @throws DiskException if the range is not inside the device or cannot be mapped or read
     */
    default ByteBuffer map(long offset, int length) throws DiskException {
        return ByteBuffer.wrap(read(offset, length)).asReadOnlyBuffer();
    }

    @Override
    void close();
}
