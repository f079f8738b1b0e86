package dev.jkboot.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void efiSystemPartitionTypeIsStoredMixedEndian() {
        byte[] onDisk = HEX.parseHex("28732ac11ff8d211ba4b00a0c93ec93b");
        assertEquals(UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b"), Guids.read(onDisk, 0));
    }

    @Test
    void freebsdUfsTypeReadsAtAnOffset() {
        byte[] onDisk = HEX.parseHex("ffff" + "b67c6e51cf6ed6118ff800022d09712b");
        assertEquals(PartitionKind.GPT_FREEBSD_UFS, Guids.read(onDisk, 2));
        assertEquals(PartitionKind.FREEBSD_UFS, PartitionKind.ofGptType(Guids.read(onDisk, 2)));
    }

    @Test
    void testWriterIsTheInverseOfTheReader() {
        byte[] bytes = new byte[16];
        TestImages.putGuid(bytes, 0, PartitionKind.GPT_FREEBSD_BOOT);
        assertArrayEquals(HEX.parseHex("9d6bbd83417fdc11be0b001560b84f0f"), bytes);
    }
}
