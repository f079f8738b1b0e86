package dev.jkboot.autoboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.DiskException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZfsDeviceTest {
    @Test
    void theLoadersSpellingsWithOrWithoutTheTrailingColon() throws Exception {
        assertEquals(new ZfsDevice(Optional.of("zroot"), Optional.of("zroot/ROOT/default")),
                ZfsDevice.parse("zfs:zroot/ROOT/default:"));
        assertEquals(new ZfsDevice(Optional.of("zroot"), Optional.of("zroot/ROOT/default")),
                ZfsDevice.parse("zfs:zroot/ROOT/default"));
        assertEquals(new ZfsDevice(Optional.of("tank"), Optional.empty()), ZfsDevice.parse("zfs:tank"));
        assertEquals(new ZfsDevice(Optional.empty(), Optional.empty()), ZfsDevice.parse("zfs:"));
        assertEquals("zfs:zroot/ROOT/default", ZfsDevice.parse("zfs:zroot/ROOT/default:").toString());
        assertEquals("zfs:tank", ZfsDevice.parse("zfs:tank:").toString());
        assertEquals("zfs:", ZfsDevice.parse("zfs:").toString());
    }

    @Test
    void currdevIsTheDatasetBetweenZfsAndAColon() {
        assertEquals("zfs:zroot/ROOT/default:", ZfsDevice.currdev("zroot/ROOT/default"));
    }

    @Test
    void onlyZfsNamesAreZfsNames() {
        assertTrue(ZfsDevice.names("zfs:zroot"));
        assertFalse(ZfsDevice.names("/dev/vda:2"));
        assertFalse(ZfsDevice.names("zfsdisk.img"));
    }

    @Test
    void malformedNamesAreRefusedWithTheSpelling() {
        for (String bad : new String[] {"zfs:/zroot", "zfs:zroot/", "zfs:zroot//ROOT", "zfs:zroot/ROOT:x:",
                "zfs:zroot@snap", "zfs: zroot", "zfs::", "vda"}) {
            DiskException e = assertThrows(DiskException.class, () -> ZfsDevice.parse(bad), bad);
            assertTrue(e.fix().startsWith("write zfs:POOL/DATASET"), e.fix());
        }
    }
}
