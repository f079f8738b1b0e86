package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiskSpecTest {
    @Test
    void parsesDeviceAndPartition() throws Exception {
        assertEquals(new DiskSpec("/dev/vda", Optional.of("2")), DiskSpec.parse("/dev/vda:2"));
        assertEquals(new DiskSpec("vda", Optional.of("1a")), DiskSpec.parse("vda:1a"));
        assertEquals(new DiskSpec("serial=root", Optional.of("rootfs")), DiskSpec.parse("serial=root:rootfs"));
        assertEquals(new DiskSpec("/dev/vda", Optional.empty()), DiskSpec.parse("/dev/vda"));
        assertEquals(new DiskSpec("/dev/vda2", Optional.empty()), DiskSpec.parse("/dev/vda2:"),
                "kboot writes devices with a trailing colon");
        assertEquals("serial=root:rootfs", DiskSpec.parse("serial=root:rootfs").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ":2", "/dev/:1", "serial=:a", " vda:2"})
    void refusesSpecsWithoutADevice(String text) {
        DiskException e = assertThrows(DiskException.class, () -> DiskSpec.parse(text));
        assertEquals("write DEV[:PART], e.g. /dev/vda:2, vda:1a, serial=rootdisk:rootfs or /dev/vda",
                e.fix());
    }
}
