package dev.jkboot.autoboot;

import dev.jkboot.disk.TestImages;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A FreeBSD root for the autoboot tests: the aarch64 ELF fixtures as /boot/kernel/kernel and
 * /boot/kernel/testmod.ko (with a kernel.old copy), a small defaults file, the given loader.conf
 * and an /etc/fstab naming /dev/vtbd0p2 as /; as a directory, or as a GPT disk image whose
 * partition 2 holds it as UFS2 (built with makefs and sgdisk, as FreeBSD's release images are).
 */
public final class FreeBsdFixture {
    public static final String DEFAULTS = """
            exec="echo Loading /boot/defaults/loader.conf"
            kernel="kernel"
            bootfile="kernel"
            kernel_options=""
            kernels="kernel kernel.old"
            loader_conf_files="/boot/loader.conf /boot/loader.conf.local"
            loader_conf_dirs="/boot/loader.conf.d"
            autoboot_delay="10"
            """;
    public static final String FSTAB = "# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n"
            + "/dev/vtbd0p2\t/\tufs\trw\t1\t1\n";
    /** Where partition 2 starts on the disk image. */
    public static final long UFS_OFFSET = 2L << 20;

    private FreeBsdFixture() {}

    public static Path tree(Path dir, String loaderConf) throws IOException, URISyntaxException {
        Path kernel = elf("kernel-aarch64.elf");
        copy(kernel, dir.resolve("boot/kernel/kernel"));
        copy(kernel, dir.resolve("boot/kernel.old/kernel"));
        copy(elf("module-aarch64.ko"), dir.resolve("boot/kernel/testmod.ko"));
        write(dir.resolve("boot/defaults/loader.conf"), DEFAULTS);
        write(dir.resolve("boot/loader.conf"), loaderConf);
        write(dir.resolve("etc/fstab"), FSTAB);
        return dir;
    }

    /** A 32 MiB GPT disk: partition 1 EFI, partition 2 freebsd-ufs "rootfs" at 2 MiB holding {@code tree}. */
    public static Path disk(Path tree, Path image) throws Exception {
        Path ufs = image.resolveSibling(image.getFileName() + ".ufs");
        TestImages.run("makefs", "-t", "ffs", "-o", "version=2", "-s", "16m", ufs.toString(), tree.toString());
        TestImages.writeAt(image, (32L << 20) - 1, new byte[1]);
        TestImages.run("sgdisk", "-n", "1:2048:+1M", "-t", "1:ef00", "-c", "1:efi",
                "-n", "2:4096:0", "-t", "2:a503", "-c", "2:rootfs", image.toString());
        TestImages.writeAt(image, UFS_OFFSET, Files.readAllBytes(ufs));
        Files.delete(ufs);
        return image;
    }

    private static Path elf(String name) throws URISyntaxException {
        return Path.of(FreeBsdFixture.class.getResource("/elf/" + name).toURI());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
