package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EfiMapRecordTest {
    @Test
    void headerAreaIs32BytesThenDescriptors() throws Exception {
        byte[] descriptors = new byte[96];
        descriptors[0] = 7;
        descriptors[48] = 2;
        MetadataRecord r = EfiMapRecord.of(96, 48, 1, Optional.of(descriptors), 0x5c000000L).toRecord();
        byte[] expectedHeader = HexFormat.of().parseHex(
                "6000000000000000" + "3000000000000000" + "01000000" + "000000000000000000000000");
        byte[] data = r.data();
        assertArrayEquals(expectedHeader, java.util.Arrays.copyOf(data, 32));
        assertArrayEquals(descriptors, java.util.Arrays.copyOfRange(data, 32, 128));
        assertTrue(r.type() == 0x9001);
    }

    @Test
    void unreadableMapLeavesZeroedRoomForTheTrampoline() throws Exception {
        EfiMapRecord m = EfiMapRecord.of(1440, 48, 1, Optional.empty(), 0x5c3e0018L);
        assertTrue(m.copiedAtJump());
        byte[] data = m.toRecord().data();
        assertArrayEquals(new byte[1440], java.util.Arrays.copyOfRange(data, 32, data.length));
        assertFalse(EfiMapRecord.of(48, 48, 1, Optional.of(new byte[48]), 0).copiedAtJump());
    }

    /** The trampoline copies bytewise whenever source, destination or length is not 8-aligned. */
    @Test
    void anUnalignedSourceIsCopiedAtJumpNotRefused() throws Exception {
        for (long src : new long[] {0x5c3e0004L, 0x5c3e0001L, 0x5c3e0018L}) {
            EfiMapRecord m = EfiMapRecord.of(96, 48, 1, Optional.empty(), src);
            assertTrue(m.copiedAtJump());
            assertEquals(src, m.sourcePhys());
        }
    }

    @Test
    void refusesMapsFreeBsdCannotWalk() {
        assertThrows(BootSpecException.class, () -> EfiMapRecord.of(100, 48, 1, Optional.empty(), 0x1000));
        assertThrows(BootSpecException.class, () -> EfiMapRecord.of(96, 36, 1, Optional.empty(), 0x1000));
        assertThrows(BootSpecException.class, () -> EfiMapRecord.of(96, 48, 2, Optional.empty(), 0x1000));
        assertThrows(BootSpecException.class, () -> EfiMapRecord.of(96, 48, 1, Optional.of(new byte[48]), 0));
    }
}
