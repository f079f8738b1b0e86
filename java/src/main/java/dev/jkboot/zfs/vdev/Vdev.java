package dev.jkboot.zfs.vdev;

import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumException;
import java.nio.ByteBuffer;

/** A readable vdev: reads blocks by the offset a DVA gives, in the vdev's allocatable space. */
public interface Vdev {

    /** How messages name it. */
    String describe();

    /**
     * The {@code size} bytes of the block at {@code offset} (a DVA's offset, in bytes) that
     * {@code check} accepts. A vdev with redundancy tries each copy or reconstruction it has until
     * one passes.
     *
     * @return a buffer of exactly {@code size} bytes at position 0
     * @throws VdevException if the bytes cannot be read at all (missing devices, read errors,
     *     an offset outside the vdev)
     * @throws ChecksumException if bytes were read but none that {@code check} accepts
     */
    ByteBuffer read(long offset, int size, BlockCheck check) throws VdevException, ChecksumException;
}
