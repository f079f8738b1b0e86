package dev.jkboot.ufs;

import dev.jkboot.disk.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A FreeBSD-shaped source tree for makefs, chosen to exercise every reading path: a kernel large
 * enough for double indirect blocks (with 4 KiB blocks), modules around block boundaries, small
 * files in fragments, empty files, a directory of 300 entries spanning several blocks, a deep
 * directory chain, and symbolic links short and long, relative and absolute, chained, dangling
 * and looping.
 */
final class FreeBsdTree {
    static final String LOADER_CONF = "kernel=\"kernel\"\nvfs.root.mountfrom=\"ufs:/dev/vtbd0p2\"\nautoboot_delay=\"2\"\n";
    static final int KERNEL_BYTES = 3_000_000;
    static final int MANY = 300;
    static final int DEPTH = 20;
    /** A directory name long enough that a link to a file in it cannot fit in the inode. */
    static final String LONG_DIR = "a-directory-whose-name-is-long-enough-that-links-to-it-need-a-data-block-"
            + "x".repeat(60);

    private FreeBsdTree() {}

    static Path create(Path root) throws IOException {
        Random random = new Random(20240601);
        write(root.resolve("boot/kernel/kernel"), bytes(random, KERNEL_BYTES));
        int[] moduleSizes = {1, 4095, 4096, 4097, 49152, 49153, 100_000};
        for (int size : moduleSizes) {
            write(root.resolve("boot/kernel/mod" + size + ".ko"), bytes(random, size));
        }
        write(root.resolve("boot/loader.conf"), LOADER_CONF.getBytes(StandardCharsets.UTF_8));
        write(root.resolve("boot/defaults/loader.conf"),
                "# defaults\nbootfile=\"kernel\"\nkernel_options=\"\"\n".repeat(40).getBytes(StandardCharsets.UTF_8));
        write(root.resolve("etc/fstab"),
                "/dev/vtbd0p2\t/\tufs\trw\t1\t1\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("empty"), new byte[0]);
        write(root.resolve("small"), bytes(random, 100));
        write(root.resolve("three-fragments"), bytes(random, 1500));
        write(root.resolve("three-blocks"), bytes(random, 3 * 4096));
        write(root.resolve("donor"), bytes(random, 8 * 4096));
        for (int i = 0; i < MANY; i++) {
            String name = "file-%03d-%s".formatted(i, "n".repeat(i % 47));
            write(root.resolve("many").resolve(name), name.getBytes(StandardCharsets.UTF_8));
        }
        Path deep = root.resolve("deep");
        for (int i = 1; i <= DEPTH; i++) {
            deep = deep.resolve("d" + i);
        }
        write(deep.resolve("leaf.txt"), "bottom\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve(LONG_DIR).resolve("target.txt"), "reached through a long link\n".getBytes(StandardCharsets.UTF_8));

        Path links = Files.createDirectories(root.resolve("links"));
        Files.createSymbolicLink(links.resolve("relative"), Path.of("../boot/loader.conf"));
        Files.createSymbolicLink(links.resolve("absolute"), Path.of("/boot/kernel/kernel"));
        Files.createSymbolicLink(links.resolve("long"), Path.of("/" + LONG_DIR + "/target.txt"));
        Files.createSymbolicLink(links.resolve("long-relative"),
                Path.of(".." + "/.".repeat(70) + "/boot/loader.conf"));
        Files.createSymbolicLink(links.resolve("kdir"), Path.of("/boot/kernel"));
        Files.createSymbolicLink(links.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(links.resolve("chain2"), Path.of("chain3"));
        Files.createSymbolicLink(links.resolve("chain3"), Path.of("../etc/fstab"));
        Files.createSymbolicLink(links.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(links.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(links.resolve("here"), Path.of("."));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("/nonexistent"));
        return root;
    }

    /** Runs makefs; skips the test with the reason if it is not installed. */
    static void makefs(Path source, Path image, int bsize, int fsize, String size) throws Exception {
        TestImages.run("makefs", "-t", "ffs", "-o", "version=2,bsize=%d,fsize=%d".formatted(bsize, fsize),
                "-s", size, image.toString(), source.toString());
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
