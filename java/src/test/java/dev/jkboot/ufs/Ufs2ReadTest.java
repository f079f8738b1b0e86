package dev.jkboot.ufs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.FileBlockDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads makefs-built UFS2 images back and compares every file, directory and link with the source. */
class Ufs2ReadTest {
    @TempDir static Path dir;
    static Path source;
    /** 4 KiB blocks, 512-byte fragments, two cylinder groups: double indirection, inodes in cg 1. */
    static FileBlockDevice small;
    /** 32 KiB blocks, 4 KiB fragments (FreeBSD's defaults). */
    static FileBlockDevice large;

    @BeforeAll
    static void images() throws Exception {
        source = FreeBsdTree.create(dir.resolve("src"));
        FreeBsdTree.makefs(source, dir.resolve("4k.img"), 4096, 512, "20m");
        FreeBsdTree.makefs(source, dir.resolve("32k.img"), 32768, 4096, "12m");
        small = FileBlockDevice.openImage(dir.resolve("4k.img"), 512);
        large = FileBlockDevice.openImage(dir.resolve("32k.img"), 512);
    }

    @AfterAll
    static void close() {
        if (small != null) {
            small.close();
            large.close();
        }
    }

    static Ufs2 fs(int bsize) throws UfsException {
        FileBlockDevice dev = bsize == 4096 ? small : large;
        return Ufs2.open(dev, 0, dev.size(), bsize + ".img");
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 32768})
    void everyFileDirectoryAndLinkMatchesTheSource(int bsize) throws Exception {
        Ufs2 fs = fs(bsize);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(source)) {
            all = walk.toList();
        }
        int files = 0;
        for (Path p : all) {
            String path = "/" + source.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                assertEquals(Files.readSymbolicLink(p).toString(), fs.readLink(path), path);
            } else if (Files.isDirectory(p)) {
                Set<String> expected;
                try (Stream<Path> children = Files.list(p)) {
                    expected = children.map(c -> c.getFileName().toString()).collect(Collectors.toSet());
                }
                List<DirEntry> entries = fs.list(path);
                assertEquals(expected, entries.stream().map(DirEntry::name).collect(Collectors.toSet()), path);
                assertEquals(expected.size(), entries.size(), path);
            } else {
                byte[] expected = Files.readAllBytes(p);
                assertArrayEquals(expected, fs.readFile(path, 64 << 20), path);
                FileStat stat = fs.stat(path);
                assertEquals(FileType.REGULAR, stat.type());
                assertEquals(expected.length, stat.size());
                files++;
            }
        }
        assertEquals(FreeBsdTree.MANY + 18, files);
    }

    @Test
    void smallBlocksGiveTwoCylinderGroupsAndDoubleIndirection() throws Exception {
        Ufs2 fs = fs(4096);
        Superblock sb = fs.superblock();
        assertEquals(4096, sb.bsize());
        assertEquals(512, sb.fsize());
        assertEquals(8, sb.frag());
        assertEquals(2, sb.ncg());
        assertEquals(8192, sb.location(), "Debian's makefs puts the UFS2 superblock at 8 KiB");
        long direct = 12L * 4096;
        long single = 512L * 4096;
        assertTrue(fs.stat("/boot/kernel/kernel").size() > direct + single, "kernel needs double indirection");
        assertTrue(fs.stat("/many").size() > 2 * 4096, "directory spans several blocks");
        assertTrue(fs.list("/many").stream().anyMatch(e -> e.inode() >= sb.ipg()), "some inodes live in cylinder group 1");
        assertEquals("UFS2, 4 KiB blocks, 512 B fragments, 2 cylinder groups", sb.describe());
    }

    @Test
    void largeBlocksAreFreebsdDefaults() throws Exception {
        Superblock sb = fs(32768).superblock();
        assertEquals(32768, sb.bsize());
        assertEquals(4096, sb.fsize());
        assertEquals(120, sb.maxSymlinkLen());
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 32768})
    void positionalReadsAcrossBlockBoundaries(int bsize) throws Exception {
        byte[] kernel = Files.readAllBytes(source.resolve("boot/kernel/kernel"));
        UfsFile file = fs(bsize).openFile("/boot/kernel/kernel");
        assertEquals(kernel.length, file.size());
        long[] positions = {0, bsize - 10, 12L * bsize - 3, (12L + bsize / 8) * bsize - 7, kernel.length - 5};
        for (long pos : positions) {
            if (pos > kernel.length - 5) {
                continue; // the double-indirect boundary lies beyond the kernel with 32 KiB blocks
            }
            assertArrayEquals(Arrays.copyOfRange(kernel, (int) pos, (int) pos + 5), file.read(pos, 5), "at " + pos);
        }
        assertArrayEquals(new byte[0], file.read(kernel.length, 0));
        UfsException e = assertThrows(UfsException.class, () -> file.read(kernel.length - 4, 5));
        assertEquals(bsize + ".img: read of 5 bytes at 2999996 is outside /boot/kernel/kernel (3000000 bytes)",
                e.getMessage());
    }

    @Test
    void symbolicLinksResolveInsideTheFileSystem() throws Exception {
        Ufs2 fs = fs(4096);
        byte[] loaderConf = FreeBsdTree.LOADER_CONF.getBytes(StandardCharsets.UTF_8);
        byte[] fstab = Files.readAllBytes(source.resolve("etc/fstab"));
        assertArrayEquals(loaderConf, fs.readFile("/links/relative", 4096));
        assertArrayEquals(loaderConf, fs.readFile("/links/long-relative", 4096));
        assertArrayEquals(loaderConf, fs.readFile("/links/kdir/../loader.conf", 4096),
                "'..' after a directory link is the target's parent, as in FreeBSD");
        assertArrayEquals(loaderConf, fs.readFile("/../../boot/./loader.conf", 4096));
        assertArrayEquals(fstab, fs.readFile("/links/chain1", 4096));
        assertArrayEquals(fstab, fs.readFile("links/here/here/here/chain1", 4096));
        assertEquals(FreeBsdTree.KERNEL_BYTES, fs.stat("/links/absolute").size());
        assertEquals(fs.stat("/boot/kernel/kernel").inode(), fs.stat("/links/kdir/kernel").inode());
        assertTrue(fs.readLink("/links/long").length() >= Superblock.MAX_INLINE_SYMLINK, "stored in a block");
        assertEquals("reached through a long link\n", new String(fs.readFile("/links/long", 4096), StandardCharsets.UTF_8));
        assertEquals(FileType.DIRECTORY, fs.stat("/links/kdir").type());
    }

    @Test
    void missingPathsAreEmptyAndExplainedWhenRequired() throws Exception {
        Ufs2 fs = fs(4096);
        assertEquals(Optional.empty(), fs.find("/links/dangling"));
        assertEquals(Optional.empty(), fs.find("/boot/loader.conf/x"));
        assertFalse(fs.exists("/boot/kernel/nope.ko"));
        assertTrue(fs.exists("/boot/defaults/loader.conf"));
        UfsException e = assertThrows(UfsException.class, () -> fs.stat("/boot/kernel/nope.ko"));
        assertEquals("4096.img: /boot/kernel/nope.ko does not exist (no \"nope.ko\" in /boot/kernel)", e.getMessage());
        e = assertThrows(UfsException.class, () -> fs.readFile("/etc/fstab/x", 10));
        assertEquals("4096.img: /etc/fstab/x does not exist (/etc/fstab is not a directory)", e.getMessage());
        e = assertThrows(UfsException.class, () -> fs.readFile("/links/dangling", 10));
        assertEquals("4096.img: /links/dangling does not exist (no \"nonexistent\" in /)", e.getMessage());
    }

    @Test
    void symbolicLinkLoopsStopAfter32Links() throws Exception {
        Ufs2 fs = fs(4096);
        UfsException e = assertThrows(UfsException.class, () -> fs.exists("/links/loop1"));
        assertEquals("4096.img: more than 32 symbolic links while resolving /links/loop1 (a loop?)", e.getMessage());
        String thirtyTwo = "/links" + "/here".repeat(31) + "/chain1"; // 31 + chain1, chain2, chain3 = 34
        e = assertThrows(UfsException.class, () -> fs.exists(thirtyTwo));
        assertTrue(e.getMessage().contains("more than 32 symbolic links"), e.getMessage());
        assertTrue(fs.exists("/links" + "/here".repeat(29) + "/chain1"), "32 links are allowed");
    }

    @Test
    void wrongKindsOfFileAreRefusedByName() throws Exception {
        Ufs2 fs = fs(4096);
        UfsException e = assertThrows(UfsException.class, () -> fs.openFile("/boot"));
        assertEquals("4096.img: /boot is a directory, not a regular file", e.getMessage());
        e = assertThrows(UfsException.class, () -> fs.list("/boot/loader.conf"));
        assertEquals("4096.img: /boot/loader.conf is not a directory", e.getMessage());
        e = assertThrows(UfsException.class, () -> fs.readLink("/boot"));
        assertEquals("4096.img: /boot is not a symbolic link", e.getMessage());
        e = assertThrows(UfsException.class, () -> fs.readFile("/boot/kernel/kernel", 1 << 20));
        assertEquals("4096.img: /boot/kernel/kernel is 3000000 bytes, more than the 1048576 this read allows",
                e.getMessage());
    }

    @Test
    void directoryEntriesCarryTheirTypes() throws Exception {
        List<DirEntry> links = fs(4096).list("/links");
        assertTrue(links.stream().allMatch(e -> e.type() == FileType.SYMLINK), links.toString());
        List<DirEntry> root = fs(4096).list("/");
        assertEquals(FileType.DIRECTORY, root.stream().filter(e -> e.name().equals("boot")).findFirst().orElseThrow().type());
        assertEquals(FileType.REGULAR, root.stream().filter(e -> e.name().equals("empty")).findFirst().orElseThrow().type());
        assertEquals(0, fs(4096).stat("/empty").size());
    }

    @Test
    void statReportsPermissionsAndLinkCounts() throws Exception {
        Ufs2 fs = fs(4096);
        Path kernel = source.resolve("boot/kernel/kernel");
        int expected = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(kernel)) {
            expected |= 0400 >> p.ordinal(); // OWNER_READ .. OTHERS_EXECUTE map to 0400 .. 0001
        }
        assertEquals(expected, fs.stat("/boot/kernel/kernel").permissions());
        assertEquals(4, fs.stat("/boot").links(), "., its entry in /, and the .. of kernel/ and defaults/");
        assertEquals(1, fs.stat("/small").links());
    }
}
