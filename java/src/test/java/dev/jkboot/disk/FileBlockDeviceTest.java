package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockDeviceTest {
    @TempDir Path dir;

    private Path image(int size) throws Exception {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return Files.write(dir.resolve("disk.img"), bytes);
    }

    @Test
    void readsExactlyTheRequestedBytes() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.openImage(image(4096), 512)) {
            assertEquals(4096, dev.size());
            assertEquals(512, dev.sectorSize());
            assertArrayEquals(new byte[] {(byte) 0xfe, (byte) 0xff, 0}, dev.read(1022, 3));
            assertArrayEquals(new byte[0], dev.read(4096, 0));
        }
    }

    @Test
    void readPastTheEndNamesDeviceOffsetAndLba() throws Exception {
        Path image = image(4096);
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512)) {
            DiskException e = assertThrows(DiskException.class, () -> dev.read(4000, 512));
            assertEquals(image + ": read of 512 bytes at offset 0xfa0 (LBA 7) goes past the end "
                    + "of the device (4096 bytes)", e.getMessage());
            assertThrows(DiskException.class, () -> dev.read(-1, 1));
            assertThrows(DiskException.class, () -> dev.read(Long.MAX_VALUE, 16));
        }
    }

    @Test
    void deviceShorterThanSysfsSaysIsAnErrorNotAShortRead() throws Exception {
        Path image = image(1024);
        DiskInfo disk = new DiskInfo("vda", "/dev/vda", image, 8192, 512, Optional.empty(), "254:0", List.of());
        try (FileBlockDevice dev = FileBlockDevice.open(disk)) {
            DiskException e = assertThrows(DiskException.class, () -> dev.read(512, 1024));
            assertEquals("/dev/vda: unexpected end of data at offset 0x400 (LBA 2) (expected 8192 bytes)",
                    e.getMessage());
        }
    }

    @Test
    void missingNodeSaysHowToCreateIt() {
        DiskInfo disk = new DiskInfo("vdb", "/dev/vdb", dir.resolve("dev/vdb"), 1 << 30, 512,
                Optional.empty(), "254:16", List.of());
        DiskException e = assertThrows(DiskException.class, () -> FileBlockDevice.open(disk));
        assertEquals("device node %s for disk vdb (254:16) does not exist".formatted(dir.resolve("dev/vdb")),
                e.getMessage());
        assertEquals("mount devtmpfs on /dev (mount -t devtmpfs devtmpfs /dev) or create the node: "
                + "mknod /dev/vdb b 254 16", e.fix());
    }

    @Test
    void refusesImpossibleSectorSizes() throws Exception {
        Path image = image(4096);
        assertThrows(DiskException.class, () -> FileBlockDevice.openImage(image, 1000));
        assertThrows(DiskException.class, () -> FileBlockDevice.openImage(image, 256));
    }
}
