package dev.jkboot.autoboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.DiskSpec;
import dev.jkboot.disk.FakeHost;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.ufs.UfsException;
import dev.jkboot.zfs.ZfsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and opening ZFS roots on pools zfs-fuse wrote (see java/src/test/resources/zfs), put
 * into freebsd-zfs GPT partitions with sgdisk, on disk images and on a faked /sys/block.
 */
class ZfsRootsTest {
    @TempDir static Path shared;
    static Path zroot;
    static Path mirror0;
    static Path mirror1;
    static Path ufs;
    static Map<String, ZfsFixture.Entry> manifest;

    @TempDir Path hostDir;
    FakeHost host;

    @BeforeAll
    static void fixtures() throws Exception {
        zroot = ZfsFixture.disk(ZfsFixture.vdev("zroot", shared), shared.resolve("zroot-disk.img"), "zfs0");
        mirror0 = ZfsFixture.disk(ZfsFixture.vdev("mpool-0", shared), shared.resolve("mpool-0-disk.img"), "m0");
        mirror1 = ZfsFixture.disk(ZfsFixture.vdev("mpool-1", shared), shared.resolve("mpool-1-disk.img"), "m1");
        ufs = FreeBsdFixture.disk(FreeBsdFixture.tree(shared.resolve("tree"), "testmod_load=\"YES\"\n"),
                shared.resolve("ufs.img"));
        manifest = ZfsFixture.manifest("zroot");
    }

    @BeforeEach
    void emptyHost() throws Exception {
        host = new FakeHost(hostDir);
        Files.createDirectories(hostDir.resolve("sys/block"));
    }

    /** Attaches {@code image} as disk {@code name} of the faked host. */
    private void attach(String name, Path image, int minor) throws Exception {
        host.disk(name, Files.size(image), 512, name + "-serial", "254:" + minor);
        Files.createSymbolicLink(host.node(name), image);
    }

    private static String text(BootFiles files, String path) throws Exception {
        return new String(files.read(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anImageWithAZfsPartitionBootsThePoolsBootfs() throws Exception {
        try (OpenRoot root = new RootLocation.Disks(Optional.of(DiskSpec.parse(zroot.toString()))).open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/default: (pool zroot on " + zroot + ":2)", root.description());
            assertEquals(Map.of("currdev", "zfs:zroot/ROOT/default:", "loaddev", "zfs:zroot/ROOT/default:"),
                    root.deviceVariables());
            assertEquals(List.of("zroot/ROOT/alt", "zroot/ROOT/default"), root.environments().names());
            assertEquals("zroot/ROOT/default", root.environments().active());
            assertEquals(manifest.get("zroot/ROOT/default /boot/kernel/kernel").sha256(),
                    sha256(root.files().read("/boot/kernel/kernel").orElseThrow()));
            assertEquals("jktest_load=\"YES\"\nfixture.be=\"default\"\n", text(root.files(), "/boot/loader.conf"));
        }
    }

    @Test
    void anotherBootEnvironmentOpensFromTheSamePool() throws Exception {
        try (OpenRoot root = new RootLocation.Disks(Optional.of(DiskSpec.parse(zroot.toString()))).open(hostDir);
             OpenRoot alt = root.environments().open("zroot/ROOT/alt")) {
            assertEquals("zfs:zroot/ROOT/alt: (pool zroot on " + zroot + ":2)", alt.description());
            assertEquals("zfs:zroot/ROOT/alt:", alt.deviceVariables().get("currdev"));
            assertEquals("zroot/ROOT/alt", alt.environments().active());
            assertEquals("jktest_load=\"YES\"\nfixture.be=\"alt\"\n", text(alt.files(), "/boot/loader.conf"));
            assertEquals(manifest.get("zroot/ROOT/alt /boot/kernel/big.bin").sha256(),
                    sha256(alt.files().read("/boot/kernel/big.bin").orElseThrow()));
            ZfsException e = assertThrows(ZfsException.class, () -> root.environments().open("zroot/deep"));
            assertTrue(e.getMessage().startsWith("dataset zroot/deep of pool zroot has neither /boot/kernel/kernel "
                    + "nor /boot/defaults/loader.conf"), e.getMessage());
        }
    }

    @Test
    void aBootEnvironmentIsNamedBesideTheBootfsOrInFull() throws Exception {
        Optional<DiskSpec> disk = Optional.of(DiskSpec.parse(zroot.toString()));
        try (OpenRoot root = new RootLocation.Disks(disk, Optional.of("alt")).open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/alt:", root.deviceVariables().get("loaddev"));
        }
        try (OpenRoot root = new RootLocation.Disks(disk, Optional.of("zroot/ROOT/alt")).open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/alt:", root.deviceVariables().get("currdev"));
        }
        ZfsException e = assertThrows(ZfsException.class,
                () -> new RootLocation.Disks(disk, Optional.of("gone")).open(hostDir));
        assertTrue(e.getMessage().contains("pool zroot has no dataset zroot/ROOT/gone"), e.getMessage());
    }

    @Test
    void theHostsDisksAreSearchedUfsFirstAsKbootDoes() throws Exception {
        attach("vda", zroot, 0);
        attach("vdb", ufs, 16);
        try (OpenRoot root = new RootLocation.Disks(Optional.empty()).open(hostDir)) {
            assertTrue(root.description().startsWith("/dev/vdb:2 (2 freebsd-ufs \"rootfs\""), root.description());
            assertEquals(Map.of(), root.deviceVariables());
        }
        try (OpenRoot root = new RootLocation.Zfs(ZfsDevice.parse("zfs:"), Optional.empty()).open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/default: (pool zroot on /dev/vda:2)", root.description(),
                    "zfs: asks for ZFS only, as kboot's bootdev=zfs:");
        }
        try (OpenRoot root = new RootLocation.Zfs(ZfsDevice.parse("zfs:zroot/ROOT/alt:"), Optional.empty())
                .open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/alt:", root.deviceVariables().get("currdev"));
        }
    }

    @Test
    void aPoolIsTriedWhenNoUfsPartitionHoldsBoot() throws Exception {
        attach("vda", zroot, 0);
        host.disk("vdb", 32L << 20, 512, null, "254:16");
        Files.write(host.node("vdb"), new byte[32 << 20]);
        try (OpenRoot root = new RootLocation.Disks(Optional.empty()).open(hostDir)) {
            assertEquals("zfs:zroot/ROOT/default: (pool zroot on /dev/vda:2)", root.description());
        }
    }

    @Test
    void aMirrorsMembersAreGatheredAcrossDisksAndOneIsEnough() throws Exception {
        attach("vda", mirror0, 0);
        attach("vdb", mirror1, 16);
        UfsException both = assertThrows(UfsException.class,
                () -> new RootLocation.Disks(Optional.empty()).open(hostDir));
        assertTrue(both.getMessage().startsWith("no FreeBSD root file system found: pool mpool on /dev/vda:2, "
                + "/dev/vdb:2: dataset mpool of pool mpool has neither /boot/kernel/kernel nor "
                + "/boot/defaults/loader.conf"), both.getMessage());

        Files.delete(hostDir.resolve("dev/vda"));
        Files.walk(hostDir.resolve("sys/block/vda")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        UfsException one = assertThrows(UfsException.class,
                () -> new RootLocation.Disks(Optional.empty()).open(hostDir));
        assertTrue(one.getMessage().startsWith("no FreeBSD root file system found: pool mpool on /dev/vdb:2: "
                + "dataset mpool of pool mpool has neither"), "opened and read with one half: " + one.getMessage());
    }

    @Test
    void aNamedPoolThatIsMissingOrWithoutBootIsAnError() throws Exception {
        attach("vda", zroot, 0);
        UfsException missing = assertThrows(UfsException.class,
                () -> new RootLocation.Zfs(ZfsDevice.parse("zfs:tank"), Optional.empty()).open(hostDir));
        assertTrue(missing.getMessage().contains("/dev/vda:2: pool zroot, not tank"), missing.getMessage());
        ZfsException noBoot = assertThrows(ZfsException.class,
                () -> new RootLocation.Zfs(ZfsDevice.parse("zfs:zroot/deep"), Optional.empty()).open(hostDir));
        assertTrue(noBoot.getMessage().startsWith("dataset zroot/deep of pool zroot has neither"), noBoot.getMessage());
        ZfsException noDataset = assertThrows(ZfsException.class,
                () -> new RootLocation.Zfs(ZfsDevice.parse("zfs:zroot/nothing"), Optional.empty()).open(hostDir));
        assertTrue(noDataset.getMessage().contains("pool zroot has no dataset zroot/nothing"), noDataset.getMessage());
    }

    @Test
    void aRaidzWithOneMemberMissingOpensFromParityAndAStaleCopyCountsOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path disk = ZfsFixture.disk(ZfsFixture.vdev("rz1pool-" + i, shared), shared.resolve("rz1-" + i + ".img"),
                    "rz" + i);
            if (i > 0) {
                attach("vd" + (char) ('a' + i), disk, 16 * i);
            }
        }
        attach("vdd", shared.resolve("rz1-1.img"), 48);
        UfsException e = assertThrows(UfsException.class, () -> new RootLocation.Disks(Optional.empty()).open(hostDir));
        assertTrue(e.getMessage().startsWith("no FreeBSD root file system found: pool rz1pool on /dev/vdb:2, "
                + "/dev/vdc:2: dataset rz1pool of pool rz1pool has neither"),
                "read with one of three members missing; vdd, a copy of vdb, is one member: " + e.getMessage());
    }
}
