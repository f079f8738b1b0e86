package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.fs.FileContent;
import dev.jkboot.zfs.ZfsPool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot-file view of the zfs-fuse pool "zroot"'s bootfs, as autoboot reads it. */
class ZfsBootFilesTest {
    @TempDir
    static Path tmp;

    private static BootFiles bootfs() throws Exception {
        Path image = tmp.resolve("zroot.img");
        if (!Files.exists(image)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("java/src/test/resources/zfs/zroot.img.gz")))) {
                Files.copy(in, image, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ZfsPool pool = ZfsPool.open(List.of(FileBlockDevice.openImage(image, 512)));
        return new ZfsBootFiles(pool.mount(pool.bootfs().orElseThrow()));
    }

    @Test
    void kindsReadsListsAndStreams() throws Exception {
        BootFiles files = bootfs();
        assertEquals("zfs:zroot/ROOT/default", files.toString());
        assertEquals(BootFiles.Kind.FILE, files.kind("/boot/loader.conf"));
        assertEquals(BootFiles.Kind.DIRECTORY, files.kind("/boot/kernel"));
        assertEquals(BootFiles.Kind.FILE, files.kind("/boot/kernel.lnk/kernel"));
        assertEquals(BootFiles.Kind.MISSING, files.kind("/boot/missing"));
        assertTrue(new String(files.read("/boot/loader.conf").orElseThrow()).contains("jktest_load=\"YES\""));
        assertEquals(Optional.empty(), files.read("/boot/kernel"));
        assertEquals(List.of("big.bin", "jktest.ko", "kernel"), files.list("/boot/kernel").stream().sorted().toList());
        assertEquals(10, files.list("/boot/many", 10).size());
        FileContent sparse = files.open("/boot/sparse.bin").orElseThrow();
        assertEquals(2097152, sparse.size());
        long covered = sparse.extents().stream().mapToLong(e -> e.bytes().remaining()).sum();
        assertTrue(covered < sparse.size(), "the hole is left out: " + covered);
        FileContent big = files.open("/boot/kernel/big.bin").orElseThrow();
        assertEquals(3047424, big.size());
    }
}
