package dev.jkboot.autoboot;

import dev.jkboot.disk.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The pools zfs-fuse wrote (java/src/test/resources/zfs, see the README there) for the autoboot
 * tests: a vdev unpacked from its gzipped image, the same vdev put into the freebsd-zfs partition
 * of a GPT disk (sgdisk), and what zfs-fuse said each dataset holds.
 */
public final class ZfsFixture {
    /** Where partition 2 (freebsd-zfs) starts on the disk images. */
    public static final long ZFS_OFFSET = 2L << 20;

    private ZfsFixture() {}

    /** The vdev file {@code name} ("zroot", "mpool-0") unpacked into {@code dir}. */
    public static Path vdev(String name, Path dir) throws IOException {
        Path out = dir.resolve(name + ".img");
        try (InputStream in = ZfsFixture.class.getResourceAsStream("/zfs/" + name + ".img.gz")) {
            if (in == null) {
                throw new IOException("no fixture /zfs/" + name + ".img.gz; see scripts/zfs-fixtures");
            }
            Files.copy(new GZIPInputStream(in), out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /**
     * A GPT disk: partition 1 EFI (1 MiB at 1 MiB), partition 2 freebsd-zfs named {@code label} at 2
     * MiB, exactly the vdev's size (its end labels sit at the partition's end), 1 MiB spare after it.
     */
    public static Path disk(Path vdev, Path image, String label) throws Exception {
        if (image.toAbsolutePath().equals(vdev.toAbsolutePath())) {
            throw new IllegalArgumentException("the disk image " + image + " would overwrite its own vdev");
        }
        long size = Files.size(vdev);
        Files.deleteIfExists(image);
        TestImages.writeAt(image, ZFS_OFFSET + size + (1L << 20) - 1, new byte[1]);
        TestImages.run("sgdisk", "-n", "1:2048:+1M", "-t", "1:ef00", "-c", "1:efi",
                "-n", "2:4096:+" + size / 512, "-t", "2:a504", "-c", "2:" + label, image.toString());
        try (var from = Files.newByteChannel(vdev); var to = java.nio.channels.FileChannel.open(image,
                java.nio.file.StandardOpenOption.WRITE)) {
            to.transferFrom(from, ZFS_OFFSET, size);
        }
        return image;
    }

    /** A file or link as zfs-fuse listed it: size and SHA-256, or the link's target. */
    public record Entry(String type, String value, String sha256) {}

    /** The manifest's file, link and dir lines of {@code pool}, keyed "DATASET PATH". */
    public static Map<String, Entry> manifest(String pool) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream in = ZfsFixture.class.getResourceAsStream("/zfs/" + pool + ".manifest")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                List<String> f = List.of(line.split("\t"));
                switch (f.get(0)) {
                    case "file", "dir" -> entries.put(f.get(1) + " " + f.get(2), new Entry(f.get(0), f.get(3), f.get(4)));
                    case "link" -> entries.put(f.get(1) + " " + f.get(2), new Entry("link", f.get(3), ""));
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The pool line of a manifest: name, guid, version, bootfs. */
    public static List<String> pool(String pool) throws IOException {
        try (InputStream in = ZfsFixture.class.getResourceAsStream("/zfs/" + pool + ".manifest")) {
            String first = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")[0];
            return List.of(first.split("\t")).subList(1, 5);
        }
    }
}
