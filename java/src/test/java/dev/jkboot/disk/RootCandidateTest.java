package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The device name kboot's hostdisk.c would give the root, for currdev and loaddev. */
class RootCandidateTest {
    private static final DiskInfo VDA = new DiskInfo("vda", "/dev/vda", Path.of("/dev/vda"), 64L << 20, 512,
            Optional.empty(), "254:0", List.of(
                    new SysfsPartition("vda1", Path.of("/dev/vda1"), 1, 1 << 20, 1 << 20),
                    new SysfsPartition("vda2", Path.of("/dev/vda2"), 2, 2 << 20, 60L << 20)));

    private static Partition gpt(String id, long start, long size) {
        return new Partition(id, PartitionScheme.GPT, PartitionKind.FREEBSD_UFS, "", "rootfs", start, size, 0);
    }

    @Test
    void aPartitionIsNamedByItsLinuxNodeAndAColon() {
        assertEquals(Optional.of("/dev/vda2:"), new RootCandidate(VDA, gpt("2", 2 << 20, 60L << 20)).loaderDevice());
    }

    @Test
    void aWholeDiskIsNamedByItsDevice() {
        assertEquals(Optional.of("/dev/vda:"), new RootCandidate(VDA, Partition.wholeDisk(64L << 20)).loaderDevice());
    }

    @Test
    void aPartitionLinuxHasNoNodeForHasNoName() {
        assertEquals(Optional.empty(), new RootCandidate(VDA, gpt("3", 2 << 20, 30L << 20)).loaderDevice(),
                "same start, other size: a BSD label partition inside the slice");
        DiskInfo image = DiskInfo.image(Path.of("/tmp/freebsd.img"), 64L << 20);
        assertEquals(Optional.empty(), new RootCandidate(image, gpt("2", 2 << 20, 60L << 20)).loaderDevice());
    }
}
