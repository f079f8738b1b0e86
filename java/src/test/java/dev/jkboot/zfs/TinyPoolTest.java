package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What zfs-fuse cannot write, on a pool made by our own {@link TinyPool} writer: version 5000 with
 * MOS features_for_read, SA-based znodes (layouts in a fat ZAP), a large dnode, lz4 data, an
 * embedded-data block pointer, a gang block, a symbolic link in a system attribute.
 */
class TinyPoolTest {
    private static final List<String> KNOWN = List.of("org.illumos:lz4_compress", "org.zfsonlinux:large_dnode",
            "com.delphix:embedded_data", "com.delphix:extensible_dataset");

    @Test
    void featurePoolWithSystemAttributesReads() throws Exception {
        ZfsPool pool = ZfsPool.open(List.of(TinyPool.build(KNOWN)));
        assertEquals("tiny", pool.name());
        assertEquals(TinyPool.POOL_GUID, pool.guid());
        assertEquals(Optional.of("tiny"), pool.bootfs());
        ZfsFileSystem fs = pool.mount("tiny");
        assertEquals(List.of("embedded.txt", "gang.bin", "kernel", "link"), fs.list("/", 100));
        assertEquals(Optional.of(ZfsFileSystem.Kind.FILE), fs.kind("/kernel"));
        assertEquals(TinyPool.KERNEL.length, fs.size("/kernel"));
        assertArrayEquals(TinyPool.KERNEL, fs.readAll("/kernel", 1 << 20), "lz4 data of a large dnode");
        assertArrayEquals(TinyPool.EMBEDDED.getBytes(), fs.readAll("/embedded.txt", 1 << 20));
        assertArrayEquals(TinyPool.GANG, fs.readAll("/gang.bin", 1 << 20), "a gang block");
        assertEquals("kernel", fs.readLink("/link"));
        assertArrayEquals(TinyPool.KERNEL, fs.readAll("/link", 1 << 20));
    }

    @Test
    void activeUnknownMosFeatureIsRefusedByName() throws Exception {
        List<String> features = new java.util.ArrayList<>(KNOWN);
        features.add("com.example:warp_drive");
        ZfsException e = assertThrows(ZfsException.class, () -> ZfsPool.open(List.of(TinyPool.build(features))));
        assertTrue(e.getMessage().contains("the feature com.example:warp_drive"), e.getMessage());
        assertTrue(e.getMessage().contains("MOS features_for_read"), e.getMessage());
    }

    @Test
    void probeReportsTheTinyPool() throws Exception {
        ZfsLabelInfo info = ZfsPool.probeLabel(TinyPool.build(KNOWN)).orElseThrow();
        assertEquals(new ZfsLabelInfo("tiny", TinyPool.POOL_GUID, TinyPool.VDEV_GUID, TinyPool.TXG), info);
    }
}
