package dev.jkboot.zfs.vdev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumException;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.Checksums;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leaves (offsets past the front labels, bounds before the back ones) and mirror fallback. */
class MirrorAndLeafTest {
    private static final long SIZE = LeafVdev.LABEL_START_SIZE + (1L << 20) + LeafVdev.LABEL_END_SIZE + 1000;
    private static final byte[] BLOCK = "a block of the pool, sixty-four bytes long, padded to fit exactly".substring(0, 64).getBytes();

    private static MemoryDevice disk(String name, byte[] content) {
        return new MemoryDevice(name, SIZE, LeafVdev.LABEL_START_SIZE + 4096, content);
    }

    private static BlockCheck check() throws ChecksumException {
        return Checksums.verifier(ChecksumType.FLETCHER_4, ByteOrder.LITTLE_ENDIAN, null,
                Checksums.compute(ChecksumType.FLETCHER_4, ByteBuffer.wrap(BLOCK), ByteOrder.LITTLE_ENDIAN, null));
    }

    private static VdevSpec mirror(int children) {
        List<VdevSpec> leaves = new ArrayList<>();
        for (int c = 0; c < children; c++) {
            leaves.add(VdevSpec.leaf(10 + c, "/dev/m" + c));
        }
        return new VdevSpec(VdevType.MIRROR, 1, 12, 0, "", leaves);
    }

    @Test
    void aLeafReadsPastTheFrontLabelsAndBootArea() throws Exception {
        Vdev leaf = Vdevs.open(VdevSpec.leaf(5, "/dev/vda3"), Map.of(5L, disk("vda3", BLOCK)));
        assertArrayEquals(BLOCK, RaidzImage.bytes(leaf.read(4096, 64, check())));
        assertEquals(4L << 20, LeafVdev.LABEL_START_SIZE);
        assertTrue(leaf.describe().contains("/dev/vda3") && leaf.describe().contains("vda3"));
    }

    @Test
    void aLeafNeverReadsIntoTheBackLabelsOrPastTheDevice() throws Exception {
        MemoryDevice device = disk("vda3", BLOCK);
        Vdev leaf = Vdevs.open(VdevSpec.leaf(5, ""), Map.of(5L, device));
        // the vdev is the device in whole 256 KiB labels: 1000 bytes are cut, then the back labels
        long allocatable = 1L << 20;
        leaf.read(allocatable - 512, 512, BlockCheck.NONE);
        for (long[] bad : new long[][] {{allocatable - 511, 512}, {allocatable, 1}, {-1, 1}, {Long.MAX_VALUE - 10, 100},
            {0, -1}}) {
            String message = assertThrows(VdevException.class, () -> leaf.read(bad[0], (int) bad[1], BlockCheck.NONE))
                    .getMessage();
            assertTrue(message.contains("lies outside"), message);
        }
        assertEquals(1, device.reads);
    }

    @Test
    void aLeafThatFailsToReadSaysWhich() throws Exception {
        Vdev leaf = Vdevs.open(VdevSpec.leaf(5, "/dev/vdb"),
                Map.of(5L, new MemoryDevice("vdb", SIZE, 0, new byte[0], true)));
        String message = assertThrows(VdevException.class, () -> leaf.read(0, 512, BlockCheck.NONE)).getMessage();
        assertTrue(message.contains("/dev/vdb") && message.contains("I/O error"), message);
    }

    @Test
    void aMirrorFallsBackFromAMissingOrBadOrFailingChild() throws Exception {
        byte[] bad = BLOCK.clone();
        bad[10] ^= 1;
        Map<Long, BlockDevice> leaves = new HashMap<>();
        leaves.put(11L, disk("bad", bad));
        leaves.put(12L, new MemoryDevice("failing", SIZE, 0, new byte[0], true));
        leaves.put(13L, disk("good", BLOCK));
        Vdev vdev = Vdevs.open(mirror(4), leaves);
        assertArrayEquals(BLOCK, RaidzImage.bytes(vdev.read(4096, 64, check())));
    }

    @Test
    void aMirrorReadsTheFirstGoodChildOnly() throws Exception {
        MemoryDevice first = disk("a", BLOCK);
        MemoryDevice second = disk("b", BLOCK);
        Vdev vdev = Vdevs.open(mirror(2), Map.of(10L, first, 11L, second));
        vdev.read(4096, 64, check());
        assertEquals(1, first.reads);
        assertEquals(0, second.reads);
    }

    @Test
    void aMirrorWithNoGoodCopySaysWhy() throws Exception {
        byte[] bad = BLOCK.clone();
        bad[0] ^= 1;
        Vdev corrupt = Vdevs.open(mirror(2), Map.of(10L, disk("a", bad), 11L, disk("b", bad)));
        String message = assertThrows(ChecksumException.class, () -> corrupt.read(4096, 64, check())).getMessage();
        assertTrue(message.contains("fletcher4 checksum mismatch") && message.contains("no child of mirror"), message);
        Vdev failing = Vdevs.open(mirror(2), Map.of(11L, new MemoryDevice("b", SIZE, 0, new byte[0], true)));
        message = assertThrows(VdevException.class, () -> failing.read(4096, 64, check())).getMessage();
        assertTrue(message.contains("could be read"), message);
        message = assertThrows(VdevException.class, () -> Vdevs.open(mirror(2), Map.of())).getMessage();
        assertTrue(message.contains("no disk of the ZFS mirror vdev 0000000000000001 is present"), message);
    }

    @Test
    void aReplacingVdevInsideRaidzIsReadAsAMirror() throws Exception {
        RaidzImage image = new RaidzImage(1, 3, 9, 0, 1024, 4);
        List<VdevSpec> children = new ArrayList<>(image.spec.children());
        children.set(1, new VdevSpec(VdevType.REPLACING, 50, 0, 0, "",
                List.of(VdevSpec.leaf(200, "/dev/new"), VdevSpec.leaf(101, "/dev/old"))));
        VdevSpec raidz = new VdevSpec(VdevType.RAIDZ, 7, 9, 1, "", children);
        Map<Long, BlockDevice> leaves = image.leaves(List.of(), List.of());
        ByteBuffer block = Vdevs.open(raidz, leaves).read(0, 1024, image.check());
        assertArrayEquals(image.data, RaidzImage.bytes(block));
    }
}
