package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;

/**
 * What a read must satisfy before its bytes are used: normally a block pointer's checksum. A
 * vdev with redundancy asks it of each copy or reconstruction in turn and keeps the first one it
 * accepts.
 */
@FunctionalInterface
public interface BlockCheck {

    /** Accepts any bytes: for reads that carry no checksum of their own. */
    BlockCheck NONE = block -> {};

    /**
     * Returns normally if {@code block} (positioned at its first byte, its remaining bytes the
     * whole block) is good; must not change the buffer's content.
     *
     * @throws ChecksumException if it is not
     */
    void verify(ByteBuffer block) throws ChecksumException;
}
