package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.zfs.nvlist.XdrNvList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing, so every failure reproduces: damaged copies of the zfs-fuse pool "zroot" are
 * opened and read (labels, uberblocks and the metadata and data blocks in the first megabytes of
 * the vdev, where zfs-fuse allocates), and the parsers that sit behind no checksum (a label's
 * nvlist, a dnode, system attributes) get damaged bytes directly. Each must succeed or end in a
 * {@link ZfsException}; any other exception, or a hang, is a bug.
 */
class ZfsFuzzTest {
    private static final long SEED = 0x11b_2026L;

    @Test
    void damagedPoolsFailOnlyWithZfsExceptions() throws Exception {
        BlockDevice clean = ZfsFixtures.device(ZfsFixtures.image("zroot.img"));
        Random random = new Random(SEED);
        int failures = 0;
        int rounds = 120;
        for (int round = 0; round < rounds; round++) {
            DamagedDevice dev = new DamagedDevice(clean);
            int changes = 1 + random.nextInt(64);
            for (int i = 0; i < changes; i++) {
                long offset = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(512 << 10); // front labels
                    case 1 -> clean.size() - 1 - random.nextInt(512 << 10); // back labels
                    default -> (4L << 20) + random.nextInt(6 << 20); // the first allocated blocks
                };
                dev.set(offset, (byte) random.nextInt(256));
            }
            try {
                ZfsPool pool = ZfsPool.open(List.of(dev));
                String boot = pool.bootfs().orElse(pool.rootDataset());
                pool.childDatasets("zroot/ROOT");
                ZfsFileSystem fs = pool.mount(boot);
                fs.list("/boot/many", 5000);
                fs.readAll("/boot/loader.conf", 1 << 20);
                fs.open("/boot/kernel/big.bin", 1 << 30);
                fs.readLink("/etc/long.lnk");
            } catch (ZfsException e) {
                failures++;
                assertTrue(!e.getMessage().isEmpty() && e.fix() != null);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("round " + round + " (seed " + SEED + "): " + e, e);
            }
        }
        assertTrue(failures > 0 && failures < rounds, failures + " of " + rounds + " failed");
    }

    @Test
    void damagedNvlistsFailOnlyWithZfsExceptions() throws Exception {
        BlockDevice clean = ZfsFixtures.device(ZfsFixtures.image("zroot.img"));
        byte[] label = clean.read(16 << 10, 112 << 10);
        XdrNvList.decode(label, 0, label.length, "clean");
        Random random = new Random(SEED);
        int decoded = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = label.clone();
            int end = 1200; // the configuration occupies the first kilobyte or so
            for (int i = 1 + random.nextInt(8); i > 0; i--) {
                int at = random.nextInt(end);
                bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
            }
            int length = random.nextInt(10) == 0 ? random.nextInt(end) : bytes.length;
            try {
                XdrNvList.decode(bytes, 0, length, "fuzzed");
                decoded++;
            } catch (ZfsException e) {
                assertTrue(e.getMessage().startsWith("fuzzed"), e.getMessage());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("round " + round + " (seed " + SEED + "): " + e, e);
            }
        }
        assertTrue(decoded > 0);
    }

    @Test
    void damagedDnodesAndSystemAttributesFailOnlyWithZfsExceptions() throws Exception {
        Random random = new Random(SEED);
        SystemAttributes sa = SystemAttributes.of(
                Map.of("ZPL_MODE", new int[] {5, 8}, "ZPL_SIZE", new int[] {6, 8}, "ZPL_SYMLINK", new int[] {17, 0}),
                Map.of(2, new int[] {5, 6, 17}));
        List<Throwable> bad = new ArrayList<>();
        for (int round = 0; round < 5000; round++) {
            byte[] bytes = new byte[1024];
            random.nextBytes(bytes);
            bytes[0] = (byte) (1 + random.nextInt(40));
            bytes[3] = (byte) random.nextInt(5);
            bytes[2] = (byte) random.nextInt(12);
            try {
                Dnode.parse(7, bytes, random.nextInt(2) * 512, 512 + random.nextInt(2) * 512, "fuzzed dnode");
            } catch (ZfsException expected) {
                // fine
            } catch (RuntimeException e) {
                bad.add(e);
            }
            byte[] attrs = new byte[8 + random.nextInt(300)];
            random.nextBytes(attrs);
            attrs[0] = 0x5A;
            attrs[1] = 0x50;
            attrs[2] = 0x2F;
            attrs[3] = 0;
            attrs[4] = 2;
            try {
                sa.find(attrs, "ZPL_SYMLINK", "fuzzed attributes");
            } catch (ZfsException expected) {
                // fine
            } catch (RuntimeException e) {
                bad.add(e);
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }
}
