package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionDeviceTest {
    @TempDir Path dir;

    private static Partition at(long start, long size) {
        return new Partition("2", PartitionScheme.GPT, PartitionKind.FREEBSD_ZFS, "", "", start, size, 0);
    }

    @Test
    void offsetsCountFromThePartitionStartAndStopAtItsEnd() throws Exception {
        Path image = dir.resolve("disk.img");
        byte[] bytes = new byte[8192];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i / 16);
        }
        TestImages.writeAt(image, 0, bytes);
        try (FileBlockDevice disk = FileBlockDevice.openImage(image, 512);
             PartitionDevice part = new PartitionDevice(disk, at(1024, 4096), "disk.img:2")) {
            assertEquals(4096, part.size());
            assertEquals(512, part.sectorSize());
            assertEquals("disk.img:2", part.name());
            assertArrayEquals(new byte[] {64, 64}, part.read(0, 2));
            assertArrayEquals(new byte[] {(byte) 319}, part.read(4095, 1));
            ByteBuffer mapped = part.map(4094, 2);
            assertEquals((byte) 319, mapped.get(1));
            DiskException e = assertThrows(DiskException.class, () -> part.read(4095, 2));
            assertTrue(e.getMessage().startsWith("disk.img:2: read of 2 bytes at offset 0xfff goes past the end "
                    + "of the partition (4096 bytes)"), e.getMessage());
            assertThrows(DiskException.class, () -> part.map(4096, 1));
            assertThrows(DiskException.class, () -> part.read(-1, 1));
            assertThrows(DiskException.class, () -> part.read(Long.MAX_VALUE, 1));
            part.close();
            assertEquals(64, disk.read(1024, 1)[0], "closing the partition leaves the disk open");
        }
    }

    @Test
    void aPartitionOutsideItsDiskIsRefused() throws Exception {
        Path image = dir.resolve("small.img");
        TestImages.writeAt(image, 4095, new byte[1]);
        try (FileBlockDevice disk = FileBlockDevice.openImage(image, 512)) {
            assertThrows(DiskException.class, () -> new PartitionDevice(disk, at(2048, 2049), "small.img:2"));
            assertThrows(DiskException.class, () -> new PartitionDevice(disk, at(-512, 1024), "small.img:2"));
            assertEquals(4096, new PartitionDevice(disk, at(0, 4096), "small.img").size());
        }
    }
}
