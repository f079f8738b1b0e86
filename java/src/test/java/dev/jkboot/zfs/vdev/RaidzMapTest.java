package dev.jkboot.zfs.vdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.zfs.vdev.RaidzMap.Column;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Maps worked out by hand from vdev_raidz_map_alloc, and the layout's invariants over many allocations. */
class RaidzMapTest {

    @Test
    void fullRowsOfRaidz1() {
        // b = 0, s = 2, q = 1, r = 0: three columns of one sector, one skip sector to reach 2 rows of 2
        RaidzMap map = RaidzMap.of(0, 1024, 9, 3, 1);
        assertEquals(List.of(new Column(0, 0, 512), new Column(1, 0, 512), new Column(2, 0, 512)), map.columns());
        assertEquals(1, map.skipSectors());
        assertEquals(2048, map.allocatedSize());
    }

    @Test
    void raidz2WrapsToTheNextRowPastTheLastChild() {
        // b = 3: starts on child 3 of 5; children 0..2 get the next row (offset + 1 sector)
        RaidzMap map = RaidzMap.of(3L << 12, 3 << 12, 12, 5, 2);
        assertEquals(List.of(new Column(3, 0, 4096), new Column(4, 0, 4096), new Column(0, 4096, 4096),
                new Column(1, 4096, 4096), new Column(2, 4096, 4096)), map.columns());
        assertEquals(1, map.skipSectors());
        assertEquals(6 * 4096, map.allocatedSize());
    }

    @Test
    void aSmallBlockUsesOnlyTheColumnsItNeeds() {
        // s = 1 on 4 children: q = 0, r = 1, two big columns (parity, data)
        RaidzMap map = RaidzMap.of(512 * 4 * 10, 512, 9, 4, 1);
        assertEquals(List.of(new Column(0, 5120, 512), new Column(1, 5120, 512)), map.columns());
        assertEquals(0, map.skipSectors());
        assertEquals(1024, map.allocatedSize());
    }

    @Test
    void bigColumnsComeFirst() {
        // s = 5 on raidz1 of 4: q = 1, r = 2, bc = 3: columns 0..2 hold 2 sectors, column 3 one
        RaidzMap map = RaidzMap.of(0, 5 * 512, 9, 4, 1);
        assertEquals(List.of(new Column(0, 0, 1024), new Column(1, 0, 1024), new Column(2, 0, 1024),
                new Column(3, 0, 512)), map.columns());
        assertEquals(1, map.skipSectors());
        assertEquals(8 * 512, map.allocatedSize());
    }

    @Test
    void raidz1SwapsItsFirstTwoColumnsInOddMegabytes() {
        long offset = 1L << 20; // b = 2048, f = 2048 % 3 = 2, o = 682 sectors
        RaidzMap map = RaidzMap.of(offset, 1024, 9, 3, 1);
        long o = 682L * 512;
        assertEquals(List.of(new Column(0, o + 512, 512), new Column(2, o, 512), new Column(1, o + 512, 512)),
                map.columns());
        RaidzMap raidz2 = RaidzMap.of(offset, 1024, 9, 4, 2);
        assertEquals(0, raidz2.columns().get(0).child(), "raidz2 never swaps: b = 2048 starts on child 0");
    }

    /**
     * Blocks allocated one after another (each at the previous one's end, as the allocator would
     * place them) never share a sector on any child, and each has exactly its sectors plus parity.
     */
    @Test
    void consecutiveBlocksNeverShareASector() {
        Random random = new Random(11);
        for (int nparity = 1; nparity <= 3; nparity++) {
            for (int children = nparity + 1; children <= nparity + 6; children++) {
                Set<String> used = new HashSet<>();
                long offset = 0;
                for (int block = 0; block < 200; block++) {
                    int sectors = 1 + random.nextInt(40);
                    RaidzMap map = RaidzMap.of(offset, sectors << 9, 9, children, nparity);
                    long total = 0;
                    for (Column column : map.columns()) {
                        for (long s = 0; s < column.size() / 512; s++) {
                            assertTrue(used.add(column.child() + ":" + (column.offset() / 512 + s)),
                                    "raidz" + nparity + " of " + children + ": block " + block + " reuses a sector");
                        }
                        total += column.size() / 512;
                    }
                    int dataColumns = children - nparity;
                    long rows = (sectors + dataColumns - 1) / dataColumns;
                    assertEquals(sectors + nparity * rows, total);
                    assertEquals(0, map.allocatedSize() / 512 % (nparity + 1));
                    assertEquals(total + map.skipSectors(), map.allocatedSize() / 512);
                    offset += map.allocatedSize();
                }
            }
        }
    }
}
