package dev.jkboot.zfs;

import dev.jkboot.JkbootException;
import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.ChecksumValue;
import dev.jkboot.zfs.checksum.EmbeddedChecksum;
import dev.jkboot.zfs.nvlist.NvList;
import dev.jkboot.zfs.nvlist.XdrNvList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the four vdev labels of a pool member ({@code vdev_label_t}, 256 KiB;
 * sys/contrib/openzfs/include/sys/vdev_impl.h): L0 and L1 at the front of the device, L2 and L3
 * in its last 512 KiB (of its size rounded down to 256 KiB, vdev_label_offset in vdev_label.c).
 * Each holds, at 16 KiB, the pool configuration as an XDR nvlist in 112 KiB ending with an
 * embedded SHA-256 checksum, and at 128 KiB the uberblock ring, each slot checksummed the same way
 * with the slot's device offset as verifier. A label or slot whose checksum fails is skipped.
 */
record Label(int index, long offset, NvList config, List<Uberblock> uberblocks) {
    static final int SIZE = 256 << 10;
    static final int COUNT = 4;
    private static final int NVLIST_OFFSET = 16 << 10;
    private static final int NVLIST_SIZE = 112 << 10;
    private static final int RING_OFFSET = 128 << 10;
    private static final int RING_SIZE = 128 << 10;
    /** UBERBLOCK_SHIFT and MAX_UBERBLOCK_SHIFT: slots are 1 to 8 KiB. */
    private static final int MIN_SLOT_SHIFT = 10;
    private static final int MAX_SLOT_SHIFT = 13;

    /** Label {@code index}'s byte offset on a device of {@code size} bytes. */
    static long offset(long size, int index) {
        long aligned = size / SIZE * SIZE;
        return index * (long) SIZE + (index < COUNT / 2 ? 0 : aligned - COUNT * (long) SIZE);
    }

    /**
     * Every label of {@code device} whose configuration checksum holds, in order L0..L3; the
     * reasons the others were skipped go to {@code problems}.
     */
    static List<Label> readAll(BlockDevice device, List<String> problems) {
        List<Label> labels = new ArrayList<>();
        if (device.size() < COUNT * (long) SIZE) {
            problems.add("%s is too small (%d bytes) to hold ZFS labels".formatted(device.name(), device.size()));
            return labels;
        }
        for (int i = 0; i < COUNT; i++) {
            long at = offset(device.size(), i);
            String where = device.name() + " label L" + i;
            try {
                byte[] nv = device.read(at + NVLIST_OFFSET, NVLIST_SIZE);
                EmbeddedChecksum.verify(ChecksumType.LABEL, ByteBuffer.wrap(nv),
                        ChecksumValue.labelVerifier(at + NVLIST_OFFSET));
                NvList config = XdrNvList.decode(nv, 0, NVLIST_SIZE - EmbeddedChecksum.SIZE, where);
                labels.add(new Label(i, at, config, uberblocks(device, at, where)));
            } catch (JkbootException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return labels;
    }

    /**
     * The good uberblocks of a label's ring. Slots are 1 KiB in older pools (zfs-fuse's) and
     * 2^ashift bytes (at most 8 KiB) in newer ones; every size is tried, since a slot's checksum
     * covers exactly its own bytes at its own offset and so holds for one size only.
     */
    private static List<Uberblock> uberblocks(BlockDevice device, long labelAt, String where) {
        List<Uberblock> out = new ArrayList<>();
        byte[] ring;
        try {
            ring = device.read(labelAt + RING_OFFSET, RING_SIZE);
        } catch (JkbootException e) {
            return out;
        }
        for (int shift = MIN_SLOT_SHIFT; shift <= MAX_SLOT_SHIFT; shift++) {
            slots(ring, labelAt, 1 << shift, where, out);
        }
        return out;
    }

    private static void slots(byte[] ring, long labelAt, int slot, String where, List<Uberblock> out) {
        for (int i = 0; i < RING_SIZE / slot; i++) {
            long at = labelAt + RING_OFFSET + (long) i * slot;
            if (ByteBuffer.wrap(ring).order(ByteOrder.LITTLE_ENDIAN).getLong(i * slot) != Uberblock.MAGIC) {
                continue; // empty, or big-endian (not read): spare the checksum
            }
            ByteBuffer bytes = ByteBuffer.wrap(ring, i * slot, slot).slice();
            try {
                EmbeddedChecksum.verify(ChecksumType.LABEL, bytes, ChecksumValue.labelVerifier(at));
            } catch (JkbootException e) {
                continue; // an empty or damaged slot: the others still count
            }
            byte[] copy = java.util.Arrays.copyOfRange(ring, i * slot, (i + 1) * slot);
            Uberblock ub = Uberblock.parse(copy, at, "%s uberblock %d of %d bytes".formatted(where, i, slot));
            if (ub != null) {
                out.add(ub);
            }
        }
    }

    /** What {@link ZfsPool#probeLabel} reports. */
    ZfsLabelInfo info() throws ZfsException {
        return new ZfsLabelInfo(config.requireString("name"), config.requireNumber("pool_guid"),
                config.requireNumber("guid"), config.requireNumber("txg"));
    }
}
