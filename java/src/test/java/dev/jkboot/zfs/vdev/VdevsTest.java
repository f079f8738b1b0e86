package dev.jkboot.zfs.vdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.checksum.BlockCheck;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vdev tree's numbers are checked before anything is read; types by their label names. */
class VdevsTest {
    private static final Map<Long, BlockDevice> ONE_DISK =
            Map.of(1L, new MemoryDevice("d", 8L << 20, 0, new byte[0]));

    private static List<VdevSpec> leaves(int count) {
        return Collections.nCopies(count, VdevSpec.leaf(1, "/dev/d"));
    }

    private static String refused(VdevSpec spec) {
        return assertThrows(VdevException.class, () -> Vdevs.open(spec, ONE_DISK)).getMessage();
    }

    @Test
    void raidzParityChildrenAndAshiftAreChecked() {
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 12, 0, "", leaves(3))).contains("parity 0 over 3"));
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 12, 4, "", leaves(6))).contains("parity 4 over 6"));
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 12, 2, "", leaves(2))).contains("parity 2 over 2"));
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 8, 1, "", leaves(3))).contains("ashift 8"));
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 17, 1, "", leaves(3))).contains("ashift 17"));
        assertTrue(refused(new VdevSpec(VdevType.RAIDZ, 2, 12, 1, "", leaves(256))).contains("256 children"));
    }

    @Test
    void leavesHaveNoChildrenAndOthersHaveSome() {
        assertTrue(refused(new VdevSpec(VdevType.DISK, 1, 0, 0, "/dev/d", leaves(1))).contains("has 1 children"));
        assertTrue(refused(new VdevSpec(VdevType.MIRROR, 1, 0, 0, "", List.of())).contains("has 0 children"));
        assertTrue(refused(new VdevSpec(VdevType.HOLE, 1, 0, 0, "", leaves(1))).contains("has 1 children"));
        VdevSpec deep = VdevSpec.leaf(1, "/dev/d");
        for (int level = 0; level < 4; level++) {
            deep = new VdevSpec(VdevType.MIRROR, 9, 0, 0, "", List.of(deep));
        }
        assertTrue(refused(deep).contains("levels deep"));
    }

    @Test
    void aHoleHoldsNoBlock() throws Exception {
        Vdev hole = Vdevs.open(new VdevSpec(VdevType.HOLE, 3, 0, 0, "", List.of()), ONE_DISK);
        String message = assertThrows(VdevException.class, () -> hole.read(0, 512, BlockCheck.NONE)).getMessage();
        assertTrue(message.contains("hole"), message);
    }

    @Test
    void typesAreKnownByTheirLabelNames() throws VdevException {
        for (VdevType type : VdevType.values()) {
            assertEquals(type, VdevType.fromName(type.zfsName()));
        }
        assertTrue(VdevType.DISK.isLeaf() && VdevType.FILE.isLeaf() && !VdevType.MIRROR.isLeaf());
        assertTrue(!VdevType.HOLE.hasChildren() && !VdevType.DISK.hasChildren() && VdevType.SPARE.hasChildren());
        for (String name : new String[] {"draid", "indirect", "root", "l2cache", ""}) {
            String message = assertThrows(VdevException.class, () -> VdevType.fromName(name)).getMessage();
            assertTrue(message.contains("type '" + name + "'"), message);
        }
    }
}
