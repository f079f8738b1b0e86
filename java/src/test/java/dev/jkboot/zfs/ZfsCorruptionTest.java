package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of the zfs-fuse pools: each damage ends in a fallback or in one clear error. */
class ZfsCorruptionTest {
    @TempDir
    Path tmp;

    private static void smash(Path image, long offset, int length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(offset);
            byte[] junk = new byte[length];
            for (int i = 0; i < length; i++) {
                junk[i] = (byte) (0x5a ^ i);
            }
            f.write(junk);
        }
    }

    /** Offsets of every occurrence of {@code text} in the image. */
    private static List<Long> find(Path image, String text) throws Exception {
        byte[] all = Files.readAllBytes(image);
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        List<Long> out = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= all.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (all[i + j] != needle[j]) {
                    continue outer;
                }
            }
            out.add((long) i);
        }
        return out;
    }

    private static ZfsPool open(Path image) throws Exception {
        return ZfsPool.open(List.of(ZfsFixtures.device(image)));
    }

    @Test
    void frontLabelsDamagedFallBackToTheBackOnes() throws Exception {
        Path image = ZfsFixtures.copy("zroot.img", tmp);
        smash(image, 16 << 10, 4096); // L0's nvlist
        smash(image, (256 + 16) << 10, 4096); // L1's nvlist
        ZfsPool pool = open(image);
        assertEquals("zroot", pool.name());
        assertTrue(ZfsRedundancyTest.checkFiles(pool, "zroot") > 10);
    }

    @Test
    void everyLabelDamagedIsOneClearError() throws Exception {
        Path image = ZfsFixtures.copy("zroot.img", tmp);
        long size = Files.size(image);
        for (int l = 0; l < 4; l++) {
            smash(image, Label.offset(size, l) + (16 << 10) + 100, 64);
        }
        ZfsException e = assertThrows(ZfsException.class, () -> open(image));
        assertTrue(e.getMessage().contains("no ZFS label could be read"), e.getMessage());
        assertTrue(e.getMessage().contains("label L3"), e.getMessage());
        assertTrue(ZfsPool.probeLabel(ZfsFixtures.device(image)).isEmpty());
    }

    @Test
    void newestUberblockDamagedFallsBackToTheNextGoodOne() throws Exception {
        Path image = ZfsFixtures.copy("zroot.img", tmp);
        long size = Files.size(image);
        BlockDevice dev = ZfsFixtures.device(image);
        Uberblock best = newest(dev);
        long inLabel = best.offset() % (256 << 10);
        for (int l = 0; l < 4; l++) {
            smash(image, Label.offset(size, l) + inLabel + 16, 8); // its txg, in every label
        }
        Uberblock next = newest(ZfsFixtures.device(image));
        assertTrue(next.txg() < best.txg(), next + " vs " + best);
        assertEquals("zroot", open(image).name());
    }

    private static Uberblock newest(BlockDevice dev) {
        return Label.readAll(dev, new ArrayList<>()).stream().flatMap(l -> l.uberblocks().stream())
                .max(Uberblock.NEWEST_LAST).orElseThrow();
    }

    @Test
    void damagedDataBlockNamesPoolDatasetAndPath() throws Exception {
        Path image = ZfsFixtures.copy("zroot.img", tmp);
        List<Long> at = find(image, "deep         line 000000001000");
        assertEquals(1, at.size());
        smash(image, at.get(0), 4);
        ZfsFileSystem fs = open(image).mount("zroot/deep");
        ZfsException e = assertThrows(ZfsException.class, () -> fs.readAll("/deep.bin", 1 << 20));
        assertTrue(e.getMessage().contains("zroot"), e.getMessage());
        assertTrue(e.getMessage().contains("/deep.bin in dataset zroot/deep"), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void secondCopyServesWhenTheFirstIsDamaged() throws Exception {
        Path image = ZfsFixtures.copy("ckpool.img", tmp);
        List<Long> at = find(image, "copies2      line 000000000100");
        assertEquals(2, at.size());
        smash(image, at.get(0), 4);
        String[] pattern = ZfsFixtures.manifest("ckpool", "file").stream()
                .filter(f -> f[1].equals("ckpool/copies2") && f[2].equals("/pattern.txt")).findFirst().orElseThrow();
        assertEquals(pattern[4], ZfsPoolFixtureTest.sha256(open(image).mount("ckpool/copies2").readAll("/pattern.txt", 1 << 20)));
        smash(image, at.get(1), 4);
        ZfsException e = assertThrows(ZfsException.class,
                () -> open(image).mount("ckpool/copies2").readAll("/pattern.txt", 1 << 20));
        assertTrue(e.getMessage().contains("every copy failed"), e.getMessage());
    }

    @Test
    void membersOfAnotherPoolAreRefused() throws Exception {
        ZfsException e = assertThrows(ZfsException.class,
                () -> ZfsPool.open(ZfsFixtures.devices("zroot.img", "mpool-0.img")));
        assertTrue(e.getMessage().contains("belongs to pool"), e.getMessage());
    }

    @Test
    void missingDatasetAndFileAreNamed() throws Exception {
        ZfsPool pool = ZfsPool.open(ZfsFixtures.devices("zroot.img"));
        ZfsException e = assertThrows(ZfsException.class, () -> pool.mount("zroot/ROOT/nothing"));
        assertTrue(e.getMessage().contains("zroot/ROOT/nothing"), e.getMessage());
        ZfsException f = assertThrows(ZfsException.class, () -> pool.mount("zroot/ROOT/default").readAll("/boot/none", 10));
        assertTrue(f.getMessage().contains("pool zroot, dataset zroot/ROOT/default: /boot/none does not exist"), f.getMessage());
        ZfsException g = assertThrows(ZfsException.class, () -> pool.mount("zroot/ROOT/default").readAll("/boot/kernel/big.bin", 1000));
        assertTrue(g.getMessage().contains("more than the 1000"), g.getMessage());
    }
}
