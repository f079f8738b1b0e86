package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.fs.FileContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file's contents as mapped runs of the device: byte for byte the source makefs was given, in few
 * extents, with holes left out; and a sparse file past 2 GiB costs only its allocated blocks.
 */
class UfsContentTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(ints = {4096, 32768})
    void everyRegularFileMapsToTheBytesMakefsWasGiven(int bsize) throws Exception {
        Path source = FreeBsdTree.create(dir.resolve("src"));
        Path image = dir.resolve("fs.img");
        FreeBsdTree.makefs(source, image, bsize, bsize / 8, "20m");
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512); Stream<Path> files = Files.walk(source)) {
            Ufs2 fs = Ufs2.open(dev, 0, dev.size(), "fs.img");
            int checked = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    String path = "/" + source.relativize(f);
                    FileContent c = fs.openFile(path).content();
                    assertArrayEquals(Files.readAllBytes(f), c.toArray(), path);
                    assertTrue(c.extents().stream().allMatch(e -> e.bytes().isDirect()), "mapped: " + path);
                    checked++;
                }
            }
            assertTrue(checked > 300, "checked " + checked);
            FileContent kernel = fs.openFile("/boot/kernel/kernel").content();
            assertTrue(kernel.extents().size() < 12, "adjacent blocks are one extent: " + kernel.extents().size());
        }
    }

    @Test
    void aSparseFileOfThreeGibMapsOnlyItsBlocks() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/boot"));
        byte[] start = new byte[65536];
        new java.util.Random(3).nextBytes(start);
        Files.write(source.resolve("md.img"), start);
        Path image = dir.resolve("fs.img");
        FreeBsdTree.makefs(dir.resolve("src"), image, 32768, 4096, "2m");
        SparseUfs.setSize(image, 0, "/boot/md.img", 3L << 30);
        try (FileBlockDevice dev = FileBlockDevice.openImage(image, 512)) {
            FileContent c = Ufs2.open(dev, 0, dev.size(), "fs.img").openFile("/boot/md.img").content();
            assertEquals(3L << 30, c.size());
            assertEquals(List.of(0L), c.extents().stream().map(FileContent.Extent::offset).toList());
            assertEquals(start.length, c.extents().get(0).bytes().remaining());
            byte[] first = new byte[start.length];
            c.extents().get(0).bytes().duplicate().get(first);
            assertArrayEquals(start, first);
        }
    }
}
