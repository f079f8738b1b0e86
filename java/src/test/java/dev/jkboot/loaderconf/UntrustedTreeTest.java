package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.FileBlockDevice;
import dev.jkboot.disk.TestImages;
import dev.jkboot.fs.FileContent;
import dev.jkboot.ufs.Ufs2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FreeBSD tree whose links try to leave it (absolute, climbing, chained, into /proc and /dev,
 * through a link to a directory), read as a directory Linux mounted and as the UFS2 image makefs
 * builds from the same tree: both sources resolve every path by the same rule, inside the tree,
 * and the host's own file next to the tree is never read.
 */
class UntrustedTreeTest {
    @TempDir static Path shared;
    static Path tree;
    static Path secret;
    static String hostSecret;
    static FileBlockDevice device;
    static DirectoryBootFiles directory;
    static UfsBootFiles ufs;

    /** Path in the tree, and the text it must lead to inside the tree (null: missing there). */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        hostSecret = "HOST-SECRET-" + UUID.randomUUID();
        secret = shared.resolve("outside/secret.txt");
        write(secret, hostSecret);
        tree = shared.resolve("tree");
        Path kernel = Files.createDirectories(tree.resolve("boot/kernel"));
        write(tree.resolve("outside/secret.txt"), "INSIDE: the tree's own outside/secret.txt");
        write(tree.resolve(secret.toString().substring(1)), "INSIDE: the host's absolute path, inside the tree");
        write(tree.resolve("etc/passwd"), "INSIDE: the tree's etc/passwd");
        write(tree.resolve("proc/cpuinfo"), "INSIDE: the tree's proc/cpuinfo");

        link(kernel.resolve("absolute.img"), secret.toString());
        link(kernel.resolve("climbing.img"), "../".repeat(12) + "outside/secret.txt");
        link(kernel.resolve("chain.img"), "chain1");
        link(kernel.resolve("chain1"), "/boot/kernel/chain2");
        link(kernel.resolve("chain2"), "../../outside/secret.txt");
        link(kernel.resolve("proc-environ.img"), "/proc/self/environ");
        link(kernel.resolve("proc-cpuinfo.img"), "/proc/cpuinfo");
        link(kernel.resolve("dev-mem.img"), "/dev/mem");
        link(kernel.resolve("dev-zero.img"), "../../dev/zero");
        link(kernel.resolve("hostetc"), "/etc");
        link(kernel.resolve("top"), "../../../..");
        link(kernel.resolve("loop1"), "loop2");
        link(kernel.resolve("loop2"), "loop1");

        EXPECTED.put("/boot/kernel/absolute.img", "INSIDE: the host's absolute path, inside the tree");
        EXPECTED.put("/boot/kernel/climbing.img", "INSIDE: the tree's own outside/secret.txt");
        EXPECTED.put("/boot/kernel/chain.img", "INSIDE: the tree's own outside/secret.txt");
        EXPECTED.put("/boot/kernel/proc-environ.img", null);
        EXPECTED.put("/boot/kernel/proc-cpuinfo.img", "INSIDE: the tree's proc/cpuinfo");
        EXPECTED.put("/boot/kernel/dev-mem.img", null);
        EXPECTED.put("/boot/kernel/dev-zero.img", null);
        EXPECTED.put("/boot/kernel/hostetc/passwd", "INSIDE: the tree's etc/passwd");
        EXPECTED.put("/boot/kernel/hostetc/shadow", null);
        EXPECTED.put("/boot/kernel/top/../outside/secret.txt", "INSIDE: the tree's own outside/secret.txt");
        EXPECTED.put("/../../outside/secret.txt", "INSIDE: the tree's own outside/secret.txt");

        Path image = shared.resolve("tree.ufs");
        TestImages.run("makefs", "-t", "ffs", "-o", "version=2", "-s", "4m", image.toString(), tree.toString());
        device = FileBlockDevice.openImage(image, 512);
        ufs = new UfsBootFiles(Ufs2.open(device, 0, device.size(), "tree.ufs"));
        directory = new DirectoryBootFiles(tree);
    }

    @AfterAll
    static void close() {
        if (device != null) {
            device.close();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void link(Path link, String target) throws IOException {
        Files.createSymbolicLink(link, Path.of(target));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void everyEscapeResolvesInsideTheTreeOrIsMissingThere() throws Exception {
        assertEquals(hostSecret, Files.readString(secret), "Linux itself would follow the link out of the tree");
        assertEquals(hostSecret, Files.readString(tree.resolve("boot/kernel/absolute.img")));
        for (BootFiles files : List.of(directory, ufs)) {
            for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
                String where = files + " " + e.getKey();
                Optional<byte[]> read = files.read(e.getKey());
                Optional<FileContent> open = files.open(e.getKey());
                if (e.getValue() == null) {
                    assertEquals(BootFiles.Kind.MISSING, files.kind(e.getKey()), where);
                    assertEquals(Optional.empty(), read, where);
                    assertEquals(Optional.empty(), open, where);
                } else {
                    assertEquals(BootFiles.Kind.FILE, files.kind(e.getKey()), where);
                    assertEquals(e.getValue(), text(read.orElseThrow()), where);
                    assertEquals(e.getValue(), text(open.orElseThrow().toArray()), where);
                }
            }
        }
    }

    @Test
    void bothSourcesAgreeOnDirectoriesToo() throws Exception {
        for (String dir : List.of("/boot/kernel/hostetc", "/boot/kernel/top", "/boot/kernel/top/boot/kernel/top")) {
            assertEquals(BootFiles.Kind.DIRECTORY, directory.kind(dir), dir);
            assertEquals(BootFiles.Kind.DIRECTORY, ufs.kind(dir), dir);
            assertEquals(ufs.list(dir).stream().sorted().toList(), directory.list(dir).stream().sorted().toList(), dir);
        }
        assertEquals(List.of("passwd"), directory.list("/boot/kernel/hostetc"), "the tree's /etc, not the host's");
    }

    @Test
    void aLoopEndsInTheSameErrorOnBothSources() {
        IOException d = assertThrows(IOException.class, () -> directory.kind("/boot/kernel/loop1"));
        IOException u = assertThrows(IOException.class, () -> ufs.read("/boot/kernel/loop1"));
        String rule = "more than 32 symbolic links while resolving /boot/kernel/loop1 (a loop?) "
                + "(fix the symbolic links on the FreeBSD system)";
        assertEquals(tree + ": " + rule, d.getMessage());
        assertEquals("tree.ufs: " + rule, u.getMessage());
    }

    @Test
    void noReadEverReturnsTheHostFile() throws Exception {
        byte[] marker = hostSecret.getBytes(StandardCharsets.UTF_8);
        for (BootFiles files : List.of(directory, ufs)) {
            for (String path : EXPECTED.keySet()) {
                for (Optional<byte[]> bytes : List.of(files.read(path), files.open(path).map(FileContent::toArray))) {
                    assertFalse(bytes.isPresent() && text(bytes.get()).contains(hostSecret), files + " " + path);
                    assertTrue(bytes.isEmpty() || !java.util.Arrays.equals(bytes.get(), marker), files + " " + path);
                }
            }
        }
        assertArrayEquals(marker, Files.readAllBytes(secret), "the host file is still there, unread by jkboot");
    }
}
