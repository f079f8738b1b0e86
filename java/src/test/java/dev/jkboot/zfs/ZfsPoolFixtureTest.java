package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The single-disk zfs-fuse pool "zroot" read back against what zfs-fuse itself reported. */
class ZfsPoolFixtureTest {

    @Test
    void probeNamesThePoolAndMember() throws Exception {
        BlockDevice dev = ZfsFixtures.device(ZfsFixtures.image("zroot.img"));
        String[] pool = ZfsFixtures.manifest("zroot", "pool").get(0);
        String[] vdev = ZfsFixtures.manifest("zroot", "vdev").get(0);
        ZfsLabelInfo info = ZfsPool.probeLabel(dev).orElseThrow();
        assertEquals("zroot", info.poolName());
        assertEquals(Long.parseUnsignedLong(pool[2]), info.poolGuid());
        assertEquals(Long.parseUnsignedLong(vdev[2]), info.vdevGuid());
        assertEquals(Long.parseLong(vdev[3]), info.txg());
    }

    @Test
    void datasetsAndBootfs() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("zroot.img"));
        assertEquals("zroot", pool.name());
        assertEquals("zroot", pool.rootDataset());
        assertEquals(Optional.of("zroot/ROOT/default"), pool.bootfs());
        assertEquals(List.of("zroot/ROOT", "zroot/deep"), pool.childDatasets("zroot"));
        assertEquals(List.of("zroot/ROOT/alt", "zroot/ROOT/default"), pool.childDatasets("zroot/ROOT"));
    }

    @Test
    void everyManifestFileReadsBackWithItsHash() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("zroot.img"));
        int files = 0;
        for (String[] f : ZfsFixtures.manifest("zroot", "file")) {
            ZfsFileSystem fs = pool.mount(f[1]);
            assertEquals(Optional.of(ZfsFileSystem.Kind.FILE), fs.kind(f[2]), f[2]);
            assertEquals(Long.parseLong(f[3]), fs.size(f[2]), f[2]);
            assertEquals(f[4], sha256(fs.readAll(f[2], 1 << 30)), f[1] + f[2]);
            files++;
        }
        assertTrue(files >= 15);
    }

    @Test
    void directoriesListAsZfsFuseListedThem() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("zroot.img"));
        for (String[] d : ZfsFixtures.manifest("zroot", "dir")) {
            List<String> names = pool.mount(d[1]).list(d[2], 100_000);
            assertEquals(Integer.parseInt(d[3]), names.size(), d[2]);
            StringBuilder joined = new StringBuilder();
            names.stream().sorted().forEach(n -> joined.append(n).append('\n'));
            assertEquals(d[4], sha256(joined.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), d[2]);
        }
    }

    @Test
    void symbolicLinksShortLongAndAbsolute() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("zroot.img"));
        for (String[] l : ZfsFixtures.manifest("zroot", "link")) {
            assertEquals(l[3], pool.mount(l[1]).readLink(l[2]), l[2]);
        }
        ZfsFileSystem fs = pool.mount("zroot/ROOT/default");
        assertEquals(Optional.of(ZfsFileSystem.Kind.FILE), fs.kind("/etc/loader.conf.abs"));
        assertEquals(sha256(fs.readAll("/boot/loader.conf", 1000)), sha256(fs.readAll("/etc/loader.conf.abs", 1000)));
        assertEquals(Optional.of(ZfsFileSystem.Kind.FILE), fs.kind("/boot/kernel.lnk/../kernel/kernel"));
        assertFalse(fs.kind("/boot/nothing").isPresent());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
