package dev.jkboot.zfs.vdev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.ChecksumException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * raidz1/2/3 reads on synthetic blocks: every combination of up to nparity children missing or
 * silently returning bad data, in every mix, on several widths, block shapes and offsets
 * (including raidz1's odd-megabyte column swap), must give back the block; one more than
 * nparity must fail with the right exception.
 */
class RaidzVdevTest {

    /** (offset, size) shapes: one sector, a partial last row, full rows, an odd megabyte. */
    private static long[][] shapes(int children, int nparity, int ashift) {
        int sector = 1 << ashift;
        int dataColumns = children - nparity;
        return new long[][] {
            {0, sector},
            {(long) sector * children * 3, (long) sector * (2L * dataColumns + 1)},
            {(long) sector * 5, (long) sector * dataColumns * 2},
            {(1L << 20) + (long) sector * 2, (long) sector * (dataColumns + 1) - 100},
        };
    }

    private static List<List<Integer>> subsets(int n, int maxSize) {
        List<List<Integer>> all = new ArrayList<>();
        for (int bits = 0; bits < 1 << n; bits++) {
            if (Integer.bitCount(bits) <= maxSize) {
                List<Integer> subset = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((bits & 1 << i) != 0) {
                        subset.add(i);
                    }
                }
                all.add(subset);
            }
        }
        return all;
    }

    @Test
    void everyMixOfUpToNparityMissingOrBadChildrenIsRecovered() throws Exception {
        int reads = 0;
        for (int nparity = 1; nparity <= 3; nparity++) {
            for (int children = nparity + 1; children <= nparity + 4; children++) {
                for (long[] shape : shapes(children, nparity, 9)) {
                    RaidzImage image = new RaidzImage(nparity, children, 9, shape[0], (int) shape[1], reads);
                    for (List<Integer> affected : subsets(children, nparity)) {
                        // each affected child either missing (bit clear) or corrupt (bit set)
                        for (int mix = 0; mix < 1 << affected.size(); mix++) {
                            List<Integer> missing = new ArrayList<>();
                            List<Integer> corrupt = new ArrayList<>();
                            for (int i = 0; i < affected.size(); i++) {
                                ((mix & 1 << i) != 0 ? corrupt : missing).add(affected.get(i));
                            }
                            if (missing.size() == children) {
                                continue;
                            }
                            ByteBuffer block = image.read(image.leaves(missing, corrupt));
                            assertEquals(image.data.length, block.remaining());
                            assertArrayEquals(image.data, RaidzImage.bytes(block), "raidz%d of %d at %d size %d, missing %s corrupt %s"
                                    .formatted(nparity, children, shape[0], shape[1], missing, corrupt));
                            reads++;
                        }
                    }
                }
            }
        }
        assertEquals(4064, reads, "combinations read");
    }

    @Test
    void largerSectorsWork() throws Exception {
        RaidzImage image = new RaidzImage(2, 6, 12, 3L << 12, 40_000, 5);
        ByteBuffer block = image.read(image.leaves(List.of(1), List.of(4)));
        assertArrayEquals(image.data, RaidzImage.bytes(block));
    }

    @Test
    void oneMoreMissingChildThanParityIsAReadError() throws Exception {
        for (int nparity = 1; nparity <= 3; nparity++) {
            RaidzImage image = new RaidzImage(nparity, nparity + 3, 9, 0, 512 * 12, nparity);
            List<Integer> missing = IntStream.rangeClosed(0, nparity).boxed().toList();
            String message = assertThrows(VdevException.class, () -> image.read(image.leaves(missing, List.of()))).getMessage();
            assertTrue(message.contains((nparity + 1) + " of the " + (nparity + 3) + " columns"), message);
        }
    }

    @Test
    void oneMoreBadChildThanParityIsAChecksumError() throws Exception {
        for (int nparity = 1; nparity <= 3; nparity++) {
            RaidzImage image = new RaidzImage(nparity, nparity + 3, 9, 0, 512 * 12, nparity);
            List<Integer> corrupt = IntStream.rangeClosed(0, nparity).boxed().toList();
            String message = assertThrows(ChecksumException.class,
                    () -> image.read(image.leaves(List.of(), corrupt))).getMessage();
            assertTrue(message.contains("sha256 checksum mismatch") && message.contains("every reconstruction"), message);
        }
    }

    @Test
    void aHealthyReadTouchesNoParity() throws Exception {
        RaidzImage image = new RaidzImage(2, 6, 9, 0, 512 * 8, 3);
        image.read(image.leaves(List.of(), List.of()));
        for (RaidzMap.Column column : image.map.columns().subList(0, 2)) {
            assertEquals(0, image.devices.get(column.child()).reads, "parity child " + column.child());
        }
        for (RaidzMap.Column column : image.map.columns().subList(2, image.map.columns().size())) {
            assertEquals(1, image.devices.get(column.child()).reads, "data child " + column.child());
        }
    }

    @Test
    void aFailingDiskIsAMissingColumn() throws Exception {
        RaidzImage image = new RaidzImage(1, 4, 9, 0, 512 * 6, 9);
        Map<Long, BlockDevice> leaves = image.leaves(List.of(), List.of());
        leaves.put(102L, new MemoryDevice("bad", RaidzImage.DEVICE_SIZE, 0, new byte[0], true));
        ByteBuffer block = image.read(leaves);
        assertArrayEquals(image.data, RaidzImage.bytes(block));
    }

    @Test
    void aMisalignedOffsetIsRefused() throws Exception {
        RaidzImage image = new RaidzImage(1, 3, 9, 0, 512, 1);
        Vdev vdev = Vdevs.open(image.spec, image.leaves(List.of(), List.of()));
        assertThrows(VdevException.class, () -> vdev.read(100, 512, image.check()));
        assertThrows(VdevException.class, () -> vdev.read(-512, 512, image.check()));
        assertThrows(VdevException.class, () -> vdev.read(0, -1, image.check()));
    }
}
