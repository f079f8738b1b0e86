package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.zfs.nvlist.NvList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool versions and feature flags. zfs-fuse writes only version 23, so the v5000 labels here are
 * the zroot fixture's labels rewritten by our own {@link LabelWriter}.
 */
class ZfsFeaturesTest {
    @TempDir
    Path tmp;

    private Path withLabel(long version, Map<String, Object> features) throws Exception {
        Path image = ZfsFixtures.copy("zroot.img", tmp);
        LabelWriter.rewrite(image, config -> {
            config.put("version", version);
            if (features != null) {
                config.put("features_for_read", NvList.of(features));
            }
            return config;
        });
        return image;
    }

    @Test
    void unknownReadFeatureIsRefusedByName() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("org.illumos:lz4_compress", Boolean.TRUE);
        features.put("com.example:teleport", Boolean.TRUE);
        Path image = withLabel(5000, features);
        ZfsException e = assertThrows(ZfsException.class, () -> ZfsPool.open(List.of(ZfsFixtures.device(image))));
        assertTrue(e.getMessage().contains("pool zroot needs the feature com.example:teleport"), e.getMessage());
        assertFalse(e.getMessage().contains("lz4"), e.getMessage());
        assertTrue(e.fix().contains("FreeBSD's loader"), e.fix());
    }

    @Test
    void featuresJkbootReadsAreAccepted() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String f : List.of("org.illumos:lz4_compress", "com.delphix:hole_birth", "com.delphix:embedded_data",
                "org.zfsonlinux:large_dnode", "com.delphix:extensible_dataset")) {
            features.put(f, Boolean.TRUE);
        }
        Path image = withLabel(5000, features);
        ZfsPool pool = ZfsPool.open(List.of(ZfsFixtures.device(image)));
        assertEquals(39, pool.mount("zroot/ROOT/default").size("/boot/loader.conf"));
    }

    @Test
    void versionsBeyond28OtherThan5000AreRefused() throws Exception {
        Path image = withLabel(29, null);
        ZfsException e = assertThrows(ZfsException.class, () -> ZfsPool.open(List.of(ZfsFixtures.device(image))));
        assertTrue(e.getMessage().contains("pool zroot has version 29"), e.getMessage());
    }

    @Test
    void probeStillReadsARewrittenLabel() throws Exception {
        Path image = withLabel(5000, Map.of());
        assertEquals("zroot", ZfsPool.probeLabel(ZfsFixtures.device(image)).orElseThrow().poolName());
    }

    @Test
    void theKnownSetIsTheLoadersLessWhatJkbootCannotRead() {
        assertTrue(Features.unknown(List.of("com.delphix:device_removal", "com.datto:encryption", "org.illumos:skein"))
                .containsAll(List.of("com.delphix:device_removal", "com.datto:encryption")));
        assertFalse(Features.unknown(List.of("org.illumos:skein")).contains("org.illumos:skein"));
    }
}
