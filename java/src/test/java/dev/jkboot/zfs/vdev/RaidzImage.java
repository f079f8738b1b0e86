package dev.jkboot.zfs.vdev;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.ChecksumValue;
import dev.jkboot.zfs.checksum.Checksums;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One raidz block written onto in-memory children as ZFS writes it: the data dealt into the
 * columns of {@link RaidzMap}, parity computed here with the loader's shift-and-xor
 * (VDEV_RAIDZ_MUL_2), independently of {@link RaidzParity}. Children are leaves with guids
 * 100, 101, ...
 */
final class RaidzImage {
    static final long DEVICE_SIZE = LeafVdev.LABEL_START_SIZE + (4L << 20) + LeafVdev.LABEL_END_SIZE;

    final VdevSpec spec;
    final RaidzMap map;
    final long offset;
    final byte[] data;
    final List<MemoryDevice> devices = new ArrayList<>();
    private final long windowStart;

    RaidzImage(int nparity, int children, int ashift, long offset, int size, long seed) {
        this.offset = offset;
        this.data = new byte[size];
        new Random(seed).nextBytes(data);
        List<VdevSpec> leaves = new ArrayList<>();
        for (int c = 0; c < children; c++) {
            leaves.add(VdevSpec.leaf(100 + c, "/dev/child" + c));
        }
        this.spec = new VdevSpec(VdevType.RAIDZ, 7, ashift, nparity, "", leaves);
        int sector = 1 << ashift;
        this.map = RaidzMap.of(offset, (size + sector - 1) / sector * sector, ashift, children, nparity);
        this.windowStart = LeafVdev.LABEL_START_SIZE + map.columns().stream().mapToLong(RaidzMap.Column::offset).min().orElse(0);
        byte[][] windows = new byte[children][64 * 1024];
        byte[][] columns = columns(nparity);
        for (int c = 0; c < columns.length; c++) {
            RaidzMap.Column column = map.columns().get(c);
            System.arraycopy(columns[c], 0, windows[column.child()],
                    (int) (LeafVdev.LABEL_START_SIZE + column.offset() - windowStart), column.size());
        }
        for (int c = 0; c < children; c++) {
            devices.add(new MemoryDevice("child" + c, DEVICE_SIZE, windowStart, windows[c]));
        }
    }

    /** The parity columns, then the data columns, as they go onto the children. */
    private byte[][] columns(int nparity) {
        int count = map.columns().size();
        byte[][] columns = new byte[count][];
        int at = 0;
        for (int c = nparity; c < count; c++) {
            columns[c] = new byte[map.columns().get(c).size()];
            int length = Math.max(0, Math.min(columns[c].length, data.length - at));
            System.arraycopy(data, at, columns[c], 0, length);
            at += columns[c].length;
        }
        int paritySize = map.columns().get(0).size();
        for (int row = 0; row < nparity; row++) {
            byte[] parity = new byte[paritySize];
            for (int c = nparity; c < count; c++) {
                for (int x = 0; x < paritySize; x++) {
                    // P ^= D; Q = 2Q ^ D; R = 4R ^ D (row doublings); a short column adds zeros past its end
                    int p = parity[x] & 0xff;
                    for (int doubling = 0; doubling < row; doubling++) {
                        p = GaloisTest.timesTwo(p);
                    }
                    parity[x] = (byte) (x < columns[c].length ? p ^ (columns[c][x] & 0xff) : p);
                }
            }
            columns[row] = parity;
        }
        return columns;
    }

    /** The leaves by guid, with {@code missing} children left out and {@code corrupt} ones' windows damaged. */
    Map<Long, BlockDevice> leaves(Iterable<Integer> missing, Iterable<Integer> corrupt) {
        Map<Long, BlockDevice> leaves = new HashMap<>();
        for (int c = 0; c < devices.size(); c++) {
            leaves.put(100L + c, devices.get(c));
        }
        for (int c : corrupt) {
            byte[] window = devices.get(c).window();
            for (int i = 0; i < window.length; i += 7) {
                window[i] ^= (byte) 0xa5;
            }
            leaves.put(100L + c, devices.get(c).with(window));
        }
        for (int c : missing) {
            leaves.remove(100L + c);
        }
        return leaves;
    }

    /** The block's SHA-256 check, as a block pointer would carry it. */
    BlockCheck check() throws Exception {
        ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        return Checksums.verifier(ChecksumType.SHA256, ByteOrder.LITTLE_ENDIAN, null,
                new ChecksumValue(digest.getLong(0), digest.getLong(8), digest.getLong(16), digest.getLong(24)));
    }

    /** The remaining bytes of a block read. */
    static byte[] bytes(ByteBuffer block) {
        byte[] out = new byte[block.remaining()];
        block.get(out);
        return out;
    }

    ByteBuffer read(Map<Long, BlockDevice> leaves) throws Exception {
        return Vdevs.open(spec, leaves).read(offset, data.length, check());
    }
}
