package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fs.FileContent;
import dev.jkboot.mem.Align;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stage-2 values at their edges: the early window's rounding, the UEFI map's sizes, environment
 * names that start with the forbidden characters, a raw file's holes at its start and end, and the
 * value semantics of a metadata record (the builder compares and prints them).
 */
class FreebsdEdgesTest {
    private static final long K = Arm64.KERNBASE;

    @Test
    void theEarlyWindowIsWhole2MiBBlocksReachingAtLeast4MiBPastModulep() {
        assertEquals(K + 6 * Align.MIB, Arm64.earlyWindowEnd(K + 2 * Align.MIB));
        assertEquals(K + 8 * Align.MIB, Arm64.earlyWindowEnd(K + 2 * Align.MIB + 1));
        assertEquals(K + 4 * Align.MIB, Arm64.earlyWindowEnd(K));
        assertEquals(K + 6 * Align.MIB, Arm64.earlyWindowEnd(K + 1));
    }

    private static String efiRefused(long memorySize, long descriptorSize) {
        return assertThrows(BootSpecException.class,
                () -> EfiMapRecord.of(memorySize, descriptorSize, 1, Optional.empty(), 0x1000)).getMessage();
    }

    @Test
    void theUefiMapHasDescriptorsOfAtLeast40BytesAndAtMost16MiB() throws Exception {
        assertEquals(40, EfiMapRecord.of(40, 40, 1, Optional.empty(), 0x1000).descriptorSize());
        assertEquals(16L << 20, EfiMapRecord.of(16L << 20, 64, 1, Optional.empty(), 0x1000).memorySize());
        assertTrue(efiRefused(32 * 4, 32).contains("has descriptor size 32"));
        assertTrue(efiRefused(0, 48).contains("has size 0,"));
        assertTrue(efiRefused((16L << 20) + 64, 64).contains("(or is over 16 MiB)"));
    }

    @Test
    void environmentNamesMayNotStartWithEqualsOrNul() throws Exception {
        for (String bad : new String[] {"=a", "\0a", "", "a=b"}) {
            assertThrows(BootSpecException.class, () -> KernelEnvironment.empty().with(bad, "v"), bad);
        }
        assertTrue(assertThrows(BootSpecException.class, () -> KernelEnvironment.empty().with("a", "\0v"))
                .getMessage().contains("has a NUL byte in its value"));
        KernelEnvironment env = KernelEnvironment.empty().withAll(Map.of("a", "1", "b", "2"));
        assertEquals("1", env.get("a"));
        assertEquals("2", env.get("b"));
        assertNull(env.get("c"));
    }

    private static List<ImageChunk> chunks(long size, FileContent.Extent... extents) {
        return RawFile.chunks("f", 0x1000, new FileContent(size, List.of(extents)));
    }

    @Test
    void aRawFilesHolesBecomeChunksWithoutBytes() throws Exception {
        ByteBuffer four = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        // A hole of 8 bytes, 4 bytes of data, a hole of 4 bytes to the end.
        List<ImageChunk> c = chunks(16, new FileContent.Extent(8, four));
        assertEquals(3, c.size());
        assertEquals(0x1000, c.get(0).va());
        assertEquals(8, c.get(0).memSize());
        assertEquals(0, c.get(0).data().remaining());
        assertEquals(0x1008, c.get(1).va());
        assertEquals(4, c.get(1).data().remaining());
        assertEquals(0x100c, c.get(2).va());
        assertEquals(4, c.get(2).memSize());
        assertEquals(0x1010, c.get(2).end());
        // Data from the first byte to the last: no holes.
        List<ImageChunk> full = chunks(4, new FileContent.Extent(0, four));
        assertEquals(1, full.size());
        // An empty file is one empty chunk; a file of only a hole is one hole.
        assertEquals(List.of(0L), chunks(0).stream().map(ImageChunk::memSize).toList());
        assertEquals(List.of(4096L), chunks(4096).stream().map(ImageChunk::memSize).toList());
        Loadable l = RawFile.loadable("f", "md_image", new byte[] {1, 2}, Optional.empty());
        assertEquals(2, l.loadAt(0x2000).file().size());
    }

    @Test
    void metadataRecordsAreValuesNamedByTheirType() {
        MetadataRecord a = MetadataRecord.u64(ModInfo.MD_SSYM, 5);
        assertEquals(a, MetadataRecord.u64(ModInfo.MD_SSYM, 5));
        assertEquals(a.hashCode(), MetadataRecord.u64(ModInfo.MD_SSYM, 5).hashCode());
        assertNotEquals(a, MetadataRecord.u64(ModInfo.MD_ESYM, 5));
        assertNotEquals(a, MetadataRecord.u64(ModInfo.MD_SSYM, 6));
        assertNotEquals(a, (Object) "MODINFOMD_SSYM");
        assertNotEquals(a.hashCode(), MetadataRecord.u64(ModInfo.MD_SSYM, 6).hashCode());
        assertNotEquals(0, a.hashCode());
        assertEquals("MODINFOMD_SSYM[8 bytes]", a.toString());
        assertEquals("MODINFO_NAME", ModInfo.name(ModInfo.NAME));
    }
}
