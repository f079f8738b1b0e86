package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.TestImages.GptEntry;
import dev.jkboot.disk.TestImages.LabelEntry;
import dev.jkboot.disk.TestImages.MbrEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCandidatesTest {
    private static final long MIB = 1 << 20;
    private static final UUID LINUX_DATA = UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4");

    @TempDir Path root;
    private FakeHost host;

    @BeforeEach
    void host() throws Exception {
        host = new FakeHost(root);
        host.disk("vda", 32 * MIB, 512, "freebsd", "254:0");
        host.partition("vda", "vda2", 2, 4096L * 512, 4096L * 512);
        TestImages.writeGpt(host.node("vda"), 512, 32 * 2048, List.of(
                new GptEntry(PartitionKind.GPT_EFI, 2048, 4095, 0, "efi"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 4096, 8191, 0, "usr"),
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 8192, 16383, Partition.GPT_ATTR_BOOTME, "root")));
        host.disk("vdb", 8 * MIB, 512, null, "254:16");
        host.disk("vdc", 32 * MIB, 512, null, "254:32");
        TestImages.writeAt(host.node("vdc"), 32 * MIB - 1, new byte[1]);
        host.disk("vdd", 32 * MIB, 512, null, "254:48");
        Path vdd = host.node("vdd");
        TestImages.writeAt(vdd, 32 * MIB - 1, new byte[1]);
        TestImages.writeAt(vdd, 0, TestImages.mbr(512, List.of(new MbrEntry(0x80, 0xa5, 63, 60000))));
        TestImages.writeAt(vdd, 64L * 512, TestImages.bsdLabel(512, List.of(
                new LabelEntry(50000, 63, 7), new LabelEntry(10000, 50063, 1), new LabelEntry(60000, 63, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0))));
        host.disk("vde", 32 * MIB, 512, null, "254:64");
        TestImages.writeGpt(host.node("vde"), 512, 32 * 2048, List.of(
                new GptEntry(LINUX_DATA, 2048, 4095, 0, "linux")));
        host.disk("vdf", 32 * MIB, 512, null, "254:80"); // no device node
    }

    private static List<String> specs(RootSelection selection) {
        return selection.candidates().stream().map(RootCandidate::spec).toList();
    }

    @Test
    void automaticSelectionFindsUfsPartitionsBootmeFirst() throws Exception {
        RootSelection selection = RootCandidates.find(root, Optional.empty());
        assertEquals(List.of("/dev/vda:3", "/dev/vda:2", "/dev/vdc", "/dev/vdd:1a"), specs(selection));
        assertEquals(63L * 512, selection.candidates().get(3).partition().startByte());
        List<String> notes = selection.notes();
        assertEquals(3, notes.size(), notes.toString());
        assertEquals("/dev/vdb (8 MiB) skipped: smaller than 16 MiB", notes.get(0));
        assertEquals("/dev/vde (32 MiB) has no FreeBSD UFS or ZFS partition: GPT (primary GPT header at LBA 1): "
                + "1 0fc63daf-8483-4772-8e79-3d69d8477de4 \"linux\" 1024 KiB at 0x100000", notes.get(1));
        assertTrue(notes.get(2).startsWith("/dev/vdf (32 MiB) skipped: device node "), notes.get(2));
        assertEquals("/dev/vda:3 (3 freebsd-ufs \"root\" 4 MiB at 0x400000 [bootme])",
                selection.candidates().get(0).describe());
        assertEquals(List.of("/dev/vdc"), zfs(selection.zfsCandidates()),
                "a disk without a table may be a whole-disk vdev; vdd's slice holds a label, so it is none");
        assertEquals(selection.zfsCandidates(), selection.zfsVdevs());
    }

    private static List<String> zfs(List<RootCandidate> candidates) {
        return candidates.stream().map(RootCandidate::spec).toList();
    }

    /** vdg: GPT with UFS and two ZFS partitions; vdh: MBR with a bare FreeBSD slice and one with a ZFS label partition. */
    private void zfsDisks() throws Exception {
        host.disk("vdg", 32 * MIB, 512, "pool", "254:96");
        TestImages.writeGpt(host.node("vdg"), 512, 32 * 2048, List.of(
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 2048, 4095, 0, "ufs"),
                new GptEntry(PartitionKind.GPT_FREEBSD_ZFS, 4096, 8191, 0, "zfs0"),
                new GptEntry(PartitionKind.GPT_FREEBSD_ZFS, 8192, 16383, Partition.GPT_ATTR_BOOTME, "zfs1")));
        host.disk("vdh", 32 * MIB, 512, null, "254:112");
        Path vdh = host.node("vdh");
        TestImages.writeAt(vdh, 32 * MIB - 1, new byte[1]);
        TestImages.writeAt(vdh, 0, TestImages.mbr(512, List.of(
                new MbrEntry(0x80, 0xa5, 2048, 16000), new MbrEntry(0, 0xa5, 20000, 20000))));
        TestImages.writeAt(vdh, 20001L * 512, TestImages.bsdLabel(512, List.of(
                new LabelEntry(19000, 20016, 27), new LabelEntry(0, 0, 0), new LabelEntry(20000, 20000, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0),
                new LabelEntry(0, 0, 0), new LabelEntry(0, 0, 0))));
    }

    @Test
    void zfsVdevsAreZfsPartitionsLabelPartitionsBareSlicesAndWholeDisksBootmeFirst() throws Exception {
        zfsDisks();
        RootSelection selection = RootCandidates.find(root, Optional.empty());
        assertEquals(List.of("/dev/vdc", "/dev/vdg:3", "/dev/vdg:2", "/dev/vdh:1", "/dev/vdh:2a"),
                zfs(selection.zfsCandidates()));
        assertEquals("2a freebsd-zfs 9.3 MiB at 0x9c6000",
                selection.zfsCandidates().get(4).partition().describe());
        assertEquals(List.of("/dev/vda:3", "/dev/vda:2", "/dev/vdc", "/dev/vdd:1a", "/dev/vdg:1"), specs(selection));
    }

    @Test
    void aNamedZfsPartitionIsProbedForZfsOnlyAndTheOtherMembersAreLookedForEverywhere() throws Exception {
        zfsDisks();
        RootSelection named = RootCandidates.find(root, Optional.of(DiskSpec.parse("serial=pool:zfs0")));
        assertEquals(List.of(), specs(named), "a freebsd-zfs partition is not probed for UFS");
        assertEquals(List.of("/dev/vdg:2"), zfs(named.zfsCandidates()));
        assertEquals(List.of("/dev/vdg:2", "/dev/vdc", "/dev/vdg:3", "/dev/vdh:1", "/dev/vdh:2a"),
                zfs(named.zfsVdevs()));

        RootSelection ufs = RootCandidates.find(root, Optional.of(DiskSpec.parse("vdg:1")));
        assertEquals(List.of("/dev/vdg:1"), specs(ufs));
        assertEquals(List.of(), zfs(ufs.zfsCandidates()), "a freebsd-ufs partition is not probed for ZFS");

        RootSelection other = RootCandidates.find(root, Optional.of(DiskSpec.parse("vda:efi")));
        assertEquals(List.of("/dev/vda:1"), specs(other));
        assertEquals(List.of("/dev/vda:1"), zfs(other.zfsCandidates()), "any other type: the probes decide");

        RootSelection disk = RootCandidates.find(root, Optional.of(DiskSpec.parse("vdh")));
        assertEquals(List.of(), specs(disk));
        assertEquals(List.of("/dev/vdh:1", "/dev/vdh:2a"), zfs(disk.zfsCandidates()),
                "a disk holding only ZFS is a root candidate");
    }

    @Test
    void explicitChoicesByPathNameSerialLabelAndLinuxPartition() throws Exception {
        assertEquals(List.of("/dev/vda:2"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("/dev/vda:2")))));
        assertEquals(List.of("/dev/vda:2"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("serial=freebsd:usr")))));
        assertEquals(List.of("/dev/vda:2"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("/dev/vda2")))));
        assertEquals(List.of("/dev/vda:1"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("vda:efi")))),
                "an explicit choice is honoured even if it is not UFS; the file system probe decides");
        assertEquals(List.of("/dev/vdd:1a"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("vdd")))));
        assertEquals(List.of("/dev/vdc"), specs(RootCandidates.find(root, Optional.of(DiskSpec.parse("/dev/vdc:")))));
    }

    @Test
    void imageFileStandsInForADisk() throws Exception {
        Path image = root.resolve("freebsd.img");
        TestImages.writeGpt(image, 512, 20 * 2048, List.of(
                new GptEntry(PartitionKind.GPT_FREEBSD_UFS, 2048, 20000, 0, "")));
        RootSelection selection = RootCandidates.find(root, Optional.of(DiskSpec.parse(image.toString())));
        assertEquals(List.of(image + ":1"), specs(selection));
    }

    @Test
    void badChoicesSayWhatExists() throws Exception {
        DiskException e = assertThrows(DiskException.class,
                () -> RootCandidates.find(root, Optional.of(DiskSpec.parse("vda:9"))));
        assertEquals("/dev/vda (32 MiB, serial \"freebsd\") has no partition \"9\" (id or unique GPT name): "
                + "GPT (primary GPT header at LBA 1): 1 efi \"efi\" 1024 KiB at 0x100000, "
                + "2 freebsd-ufs \"usr\" 2048 KiB at 0x200000, 3 freebsd-ufs \"root\" 4 MiB at 0x400000 [bootme]",
                e.getMessage());
        e = assertThrows(DiskException.class,
                () -> RootCandidates.find(root, Optional.of(DiskSpec.parse("sdz:1"))));
        assertTrue(e.getMessage().startsWith("no disk, partition or image file \"sdz\"; disks present: "
                + "/dev/vda (32 MiB, serial \"freebsd\"), /dev/vdb (8 MiB)"), e.getMessage());
        e = assertThrows(DiskException.class,
                () -> RootCandidates.find(root, Optional.of(DiskSpec.parse("serial=ufs"))));
        assertTrue(e.getMessage().startsWith("no disks have serial \"ufs\""), e.getMessage());
        e = assertThrows(DiskException.class,
                () -> RootCandidates.find(root, Optional.of(DiskSpec.parse("/dev/vda2:3"))));
        assertEquals("\"/dev/vda2:3\" names a partition twice: /dev/vda2 is already partition 2 of /dev/vda",
                e.getMessage());
        e = assertThrows(DiskException.class,
                () -> RootCandidates.find(root, Optional.of(DiskSpec.parse("vde"))));
        assertTrue(e.getMessage().startsWith("/dev/vde (32 MiB) has no FreeBSD UFS or ZFS partition"), e.getMessage());
    }

    @Test
    void noCandidatesAnywhereExplainsEachDisk() throws Exception {
        Path empty = root.resolve("empty");
        FakeHost other = new FakeHost(empty);
        other.disk("vda", 8 * MIB, 512, null, "254:0");
        DiskException e = assertThrows(DiskException.class, () -> RootCandidates.find(empty, Optional.empty()));
        assertEquals("no disk holds a FreeBSD UFS or ZFS partition: /dev/vda (8 MiB) skipped: smaller than 16 MiB",
                e.getMessage());
    }
}
