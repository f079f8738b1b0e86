package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every checksum and compression zfs-fuse writes, and pools across several members (mirror,
 * raidz1, raidz2) read whole and with members left out, against zfs-fuse's manifests.
 */
class ZfsRedundancyTest {

    /** Reads every file of {@code manifest} through {@code pool} and checks size and hash. */
    static int checkFiles(ZfsPool pool, String manifest) throws Exception {
        int files = 0;
        for (String[] f : ZfsFixtures.manifest(manifest, "file")) {
            ZfsFileSystem fs = pool.mount(f[1]);
            assertEquals(Long.parseLong(f[3]), fs.size(f[2]), f[1] + f[2]);
            assertEquals(f[4], ZfsPoolFixtureTest.sha256(fs.readAll(f[2], 1 << 30)), f[1] + f[2]);
            files++;
        }
        assertTrue(files > 0);
        return files;
    }

    private static List<BlockDevice> members(String pool, int count, Set<Integer> leftOut) throws Exception {
        List<BlockDevice> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!leftOut.contains(i)) {
                out.add(ZfsFixtures.device(ZfsFixtures.image(pool + "-" + i + ".img")));
            }
        }
        return out;
    }

    @Test
    void everyChecksumAndCompressionZfsFuseWrites() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("ckpool.img"));
        assertEquals(27, checkFiles(pool, "ckpool"));
        assertEquals(List.of("ckpool/copies2", "ckpool/fletcher2", "ckpool/fletcher4", "ckpool/gzip1", "ckpool/gzip9",
                "ckpool/lzjb", "ckpool/off", "ckpool/sha256", "ckpool/zle"), pool.childDatasets("ckpool"));
        assertTrue(pool.bootfs().isEmpty());
    }

    @Test
    void mirrorReadsWithEitherHalf() throws Exception {
        checkFiles(ZfsPool.open(members("mpool", 2, Set.of())), "mpool");
        checkFiles(ZfsPool.open(members("mpool", 2, Set.of(0))), "mpool");
        checkFiles(ZfsPool.open(members("mpool", 2, Set.of(1))), "mpool");
    }

    @Test
    void raidz1ReadsWithAnyOneMemberMissing() throws Exception {
        checkFiles(ZfsPool.open(members("rz1pool", 3, Set.of())), "rz1pool");
        for (int missing = 0; missing < 3; missing++) {
            checkFiles(ZfsPool.open(members("rz1pool", 3, Set.of(missing))), "rz1pool");
        }
    }

    @Test
    void raidz2ReadsWithTwoMembersMissing() throws Exception {
        checkFiles(ZfsPool.open(members("rz2pool", 4, Set.of())), "rz2pool");
        checkFiles(ZfsPool.open(members("rz2pool", 4, Set.of(0, 3))), "rz2pool");
        checkFiles(ZfsPool.open(members("rz2pool", 4, Set.of(1, 2))), "rz2pool");
    }
}
