package dev.jkboot.autoboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.disk.DiskException;
import dev.jkboot.disk.DiskSpec;
import dev.jkboot.disk.FakeHost;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.LoaderConfException;
import dev.jkboot.ufs.UfsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLocationTest {
    private static final String LOADER_CONF = "testmod_load=\"YES\"\n";

    @TempDir static Path shared;
    static Path tree;
    static Path image;

    @TempDir Path host;

    @BeforeAll
    static void fixtures() throws Exception {
        tree = FreeBsdFixture.tree(shared.resolve("tree"), LOADER_CONF);
        image = FreeBsdFixture.disk(tree, shared.resolve("freebsd.img"));
    }

    private static String text(BootFiles files, String path) throws Exception {
        return new String(files.read(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aDirectoryIsTheRootAsItIs() throws Exception {
        try (OpenRoot root = new RootLocation.Directory(tree).open(host)) {
            assertEquals(LOADER_CONF, text(root.files(), "/boot/loader.conf"));
            assertEquals(tree.toAbsolutePath().normalize().toString(), root.description());
        }
    }

    @Test
    void aMissingDirectoryIsRefusedWithTheOptionToFix() {
        LoaderConfException e = assertThrows(LoaderConfException.class,
                () -> new RootLocation.Directory(shared.resolve("nowhere")).open(host));
        assertTrue(e.getMessage().contains("--root " + shared.resolve("nowhere") + " is not a directory"),
                e.getMessage());
    }

    @Test
    void aNamedImageIsSearchedForItsFreeBsdPartition() throws Exception {
        Files.createDirectories(host.resolve("sys/block"));
        try (OpenRoot root = new RootLocation.Disks(Optional.of(DiskSpec.parse(image.toString()))).open(host)) {
            assertEquals(LOADER_CONF, text(root.files(), "/boot/loader.conf"));
            assertEquals(FreeBsdFixture.FSTAB, text(root.files(), "/etc/fstab"));
            assertTrue(root.description().startsWith(image + ":2 (2 freebsd-ufs \"rootfs\""), root.description());
        }
    }

    @Test
    void withoutAChoiceEveryDiskIsSearchedAndSmallOnesAreNoted() throws Exception {
        FakeHost fake = new FakeHost(host);
        fake.disk("vda", 1 << 20, 512, "tiny", "254:0");
        Files.write(fake.node("vda"), new byte[1 << 20]);
        fake.disk("vdb", Files.size(image), 512, "freebsd", "254:16");
        Files.copy(image, fake.node("vdb"));
        try (OpenRoot root = new RootLocation.Disks(Optional.empty()).open(host)) {
            assertTrue(root.description().startsWith("/dev/vdb:2 "), root.description());
            assertEquals(LOADER_CONF, text(root.files(), "/boot/loader.conf"));
            assertEquals(1, root.notes().size(), root.notes().toString());
            assertTrue(root.notes().get(0).contains("/dev/vda") && root.notes().get(0).contains("smaller than"),
                    root.notes().toString());
        }
    }

    @Test
    void noDisksMeansADiskErrorThatSaysSo() throws Exception {
        Files.createDirectories(host.resolve("sys/block"));
        DiskException e = assertThrows(DiskException.class, () -> new RootLocation.Disks(Optional.empty()).open(host));
        assertTrue(e.getMessage().contains("no disks found"), e.getMessage());
    }

    @Test
    void aDiskWithoutFreeBsdBootIsNotARoot() throws Exception {
        Path empty = shared.resolve("empty");
        Files.createDirectories(empty.resolve("etc"));
        Path plain = FreeBsdFixture.disk(empty, shared.resolve("plain.img"));
        Files.createDirectories(host.resolve("sys/block"));
        UfsException e = assertThrows(UfsException.class,
                () -> new RootLocation.Disks(Optional.of(DiskSpec.parse(plain.toString()))).open(host));
        assertTrue(e.getMessage().contains("has neither /boot/kernel/kernel nor /boot/defaults/loader.conf"),
                e.getMessage());
    }
}
