package dev.jkboot.disk;

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

    @Override
    void close();
}
