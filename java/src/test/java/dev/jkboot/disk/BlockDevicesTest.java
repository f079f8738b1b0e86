package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDevicesTest {
    @TempDir Path root;

    @Test
    void describesDisksPartitionsSectorSizesAndSerials() throws Exception {
        FakeHost host = new FakeHost(root);
        host.disk("vdb", 64L << 20, 512, "freebsd", "254:16");
        host.partition("vdb", "vdb1", 1, 1 << 20, 32L << 20);
        host.partition("vdb", "vdb2", 2, 33L << 20, 30L << 20);
        Files.createDirectories(root.resolve("sys/block/vdb/holders")); // not a partition
        host.disk("nvme0n1", 1L << 30, 4096, null, "259:0");
        Path scsi = host.disk("sda", 1L << 30, 0, null, "8:0");
        Files.createDirectories(scsi.resolve("device"));
        Files.writeString(scsi.resolve("device/serial"), "  QM0001  \n");
        Files.createDirectories(root.resolve("sys/block/bogus")); // no size file
        Path old = host.disk("sdb", 1L << 30, 0, null, "8:16");
        Files.createDirectories(old.resolve("queue"));
        Files.writeString(old.resolve("queue/hw_sector_size"), "4096\n"); // no logical_block_size

        List<DiskInfo> disks = BlockDevices.enumerate(root);

        assertEquals(List.of("nvme0n1", "sda", "sdb", "vdb"), disks.stream().map(DiskInfo::name).toList());
        assertEquals(4096, disks.get(2).sectorSize(), "hw_sector_size when logical_block_size is absent");
        DiskInfo nvme = disks.get(0);
        assertEquals(1L << 30, nvme.sizeBytes(), "sysfs size counts 512-byte units even on 4Kn disks");
        assertEquals(4096, nvme.sectorSize());
        assertEquals(Optional.empty(), nvme.serial());
        DiskInfo sda = disks.get(1);
        assertEquals(512, sda.sectorSize(), "no queue directory: 512");
        assertEquals(Optional.of("QM0001"), sda.serial());
        DiskInfo vdb = disks.get(3);
        assertEquals("/dev/vdb", vdb.devicePath());
        assertEquals(root.resolve("dev/vdb"), vdb.node());
        assertEquals("254:16", vdb.devNumber());
        assertEquals(Optional.of("freebsd"), vdb.serial());
        assertEquals(List.of(
                new SysfsPartition("vdb1", root.resolve("dev/vdb1"), 1, 1 << 20, 32L << 20),
                new SysfsPartition("vdb2", root.resolve("dev/vdb2"), 2, 33L << 20, 30L << 20)),
                vdb.partitions());
        assertEquals("/dev/vdb (64 MiB, serial \"freebsd\")", vdb.describe());
    }

    @Test
    void missingSysfsSaysToMountIt() {
        DiskException e = assertThrows(DiskException.class, () -> BlockDevices.enumerate(root));
        assertEquals(root.resolve("sys/block") + " does not exist, so no disks can be found", e.getMessage());
        assertEquals("mount sysfs (mount -t sysfs sysfs /sys)", e.fix());
    }

    @Test
    void malformedSizeNamesTheFile() throws Exception {
        Path vda = new FakeHost(root).disk("vda", 1 << 20, 512, null, "254:0");
        Files.writeString(vda.resolve("size"), "lots\n");
        DiskException e = assertThrows(DiskException.class, () -> BlockDevices.enumerate(root));
        assertEquals(vda.resolve("size") + " holds \"lots\", not a number", e.getMessage());
        Files.writeString(vda.resolve("size"), "\n");
        e = assertThrows(DiskException.class, () -> BlockDevices.enumerate(root));
        assertEquals(vda.resolve("size") + " is missing or empty", e.getMessage());
    }
}
