package dev.jkboot.zfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;

/**
 * One uberblock ({@code uberblock_t}, sys/contrib/openzfs/include/sys/uberblock_impl.h): the root
 * of a pool at one transaction group. The pool's state is the one with the highest txg (then the
 * latest timestamp) whose checksum holds, across every label of every member
 * (vdev_uberblock_compare in vdev_label.c).
 *
 * @param offset the slot's byte offset on its device
 * @param where how messages name the slot (device, label, slot)
 */
record Uberblock(long version, long txg, long guidSum, long timestamp, BlockPointer rootBp, long offset, String where) {
    static final long MAGIC = 0x00bab10cL;
    /** The order ZFS picks by: txg, then timestamp. */
    static final Comparator<Uberblock> NEWEST_LAST =
            Comparator.comparingLong(Uberblock::txg).thenComparingLong(Uberblock::timestamp);

    /**
     * The uberblock in {@code slot} (already checksum-verified), or null when the slot holds none:
     * no magic, a version ZFS never wrote, or txg 0.
     */
    static Uberblock parse(byte[] slot, long offset, String where) {
        ByteBuffer b = ByteBuffer.wrap(slot).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(0) != MAGIC) {
            return null; // an empty slot, or one written big-endian, which jkboot does not read
        }
        long version = b.getLong(8);
        long txg = b.getLong(16);
        if (!PoolVersion.valid(version) || txg <= 0) {
            return null;
        }
        return new Uberblock(version, txg, b.getLong(24), b.getLong(32), BlockPointer.parse(slot, 40), offset, where);
    }
}
