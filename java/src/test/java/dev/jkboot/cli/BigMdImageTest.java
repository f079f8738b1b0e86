package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.autoboot.FreeBsdFixture;
import dev.jkboot.ufs.SparseUfs;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse md_image far larger than a Java array or heap, named by loader.conf, under --root and on
 * a UFS2 disk: refused before it is read, with exit 5 and one error line, on a host whose RAM cannot
 * hold it; planned without being read on a host with enough RAM. FreeBSD arm64 maps at most 1 GiB
 * from KERNBASE (locore's one L2 table), so 3 GiB is refused on any host, and the largest md_image
 * that can be planned is just under 1 GiB.
 */
class BigMdImageTest {
    static final long THREE_GIB = 3L << 30;
    /** Just under what FreeBSD arm64 can map with the test kernel, environment and metadata. */
    static final long PLANNABLE = 1000L << 20;

    @TempDir static Path shared;
    static String smallHost;
    static Path largeHost;

    @BeforeAll
    static void hosts() throws Exception {
        smallHost = CliRun.hostFixture("direct-2g");
        largeHost = LargerHost.direct(shared.resolve("direct-8g"), 8);
    }

    /** A FreeBSD tree whose loader.conf loads /boot/md.img, {@code size} bytes, sparse after its first 64 KiB. */
    static Path tree(Path dir, long size) throws Exception {
        FreeBsdFixture.tree(dir, """
                md_load="YES"
                md_type="md_image"
                md_name="/boot/md.img"
                boot_verbose="YES"
                """);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("boot/md.img").toFile(), "rw")) {
            byte[] start = new byte[65536];
            new java.util.Random(size).nextBytes(start);
            f.write(start);
            f.setLength(size);
        }
        return dir;
    }

    /** The same tree as a GPT + UFS2 disk, its md.img made {@code size} bytes by raising the inode's size. */
    static Path disk(Path dir, long size) throws Exception {
        Path t = tree(dir.resolve("tree"), 65536);
        Path image = FreeBsdFixture.disk(t, dir.resolve("freebsd.img"));
        SparseUfs.setSize(image, FreeBsdFixture.UFS_OFFSET, "/boot/md.img", size);
        return image;
    }

    private static void expectOneCleanError(CliRun run, String... parts) {
        assertEquals(ExitStatus.PLAN, run.status(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("jkboot: error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        for (String part : parts) {
            assertTrue(errors.get(0).contains(part), "'" + part + "' in " + errors.get(0));
        }
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("jkboot: fix: nothing was read or loaded")), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out(), "no plan");
    }

    @Test
    void threeGibUnderRootOnTooSmallAHostIsRefusedBeforeItIsRead() throws Exception {
        Path t = tree(shared.resolve("small-root"), THREE_GIB);
        // Without the 2 KiB entropy file, which the message would count as "the other 1 raw file".
        CliRun run = CliRun.of("autoboot", "--dry-run", "--no-platform-entropy", "--host-root", smallHost, "--root",
                t.toString());
        expectOneCleanError(run, "/boot/md.img (md_image) is 3072 MiB (3221225472 bytes), which cannot fit",
                "the largest hole is [0x49700000, 0xb9800000)", "FreeBSD arm64 can map at most 1024 MiB from its kernel's base",
                "half of its RAM");
    }

    @Test
    void threeGibOnAUfsDiskOnTooSmallAHostIsRefusedBeforeItIsRead() throws Exception {
        Path image = disk(shared.resolve("small-disk"), THREE_GIB);
        CliRun run = CliRun.of("autoboot", "--dry-run", "--host-root", smallHost, "--disk", image.toString());
        expectOneCleanError(run, "/boot/md.img (md_image) is 3072 MiB (3221225472 bytes)", "the largest hole is");
    }

    @Test
    void threeGibIsRefusedOnAnyHostBecauseFreeBsdArm64MapsOneGib() throws Exception {
        Path t = tree(shared.resolve("large-root"), THREE_GIB);
        CliRun run = CliRun.of("autoboot", "--dry-run", "--host-root", largeHost.toString(), "--root", t.toString());
        expectOneCleanError(run, "/boot/md.img (md_image) is 3072 MiB", "FreeBSD arm64 can map at most 1024 MiB");
        assertFalse(run.err().contains("largest hole"), "8 GiB of RAM hold it: " + run.err());
        assertFalse(run.err().contains("half of its RAM"), run.err());
    }

    @Test
    void justUnderOneGibUnderRootIsPlannedOnALargeHost() throws Exception {
        Path t = tree(shared.resolve("plannable-root"), PLANNABLE);
        CliRun run = CliRun.of("autoboot", "--dry-run", "--host-root", largeHost.toString(), "--root", t.toString());
        assertEquals(ExitStatus.OK, run.status(), run.err());
        assertTrue(run.out().contains("  md_image       VA 0xffff000000005000 PA 0x49805000 size 1048576000  "
                + "/boot/md.img\n"), run.out());
        assertTrue(run.out().contains("  1  0x0000000049805000-0x0000000088005000  0x3e800000  0x3e800000  "
                + "/boot/md.img\n"), "the mapped md_image is a segment of its own, handed to Linux in place: "
                + run.out());
    }

    @Test
    void justUnderOneGibOnAUfsDiskIsPlannedOnALargeHost() throws Exception {
        Path image = disk(shared.resolve("plannable-disk"), PLANNABLE);
        CliRun run = CliRun.of("autoboot", "--dry-run", "--host-root", largeHost.toString(), "--disk", image.toString());
        assertEquals(ExitStatus.OK, run.status(), run.err());
        assertTrue(run.out().contains("size 1048576000  /boot/md.img\n"), run.out());
    }

    @Test
    void theSameOnATwoGibHostIsRefusedForKexecLoadsHalfOfRam() throws Exception {
        Path t = tree(shared.resolve("half-root"), PLANNABLE);
        CliRun run = CliRun.of("autoboot", "--dry-run", "--host-root", smallHost, "--root", t.toString());
        expectOneCleanError(run, "/boot/md.img (md_image) is 1000 MiB (1048576000 bytes)",
                "Linux's kexec_load takes at most half of its RAM");
    }

    /**
     * The dry run in a JVM of its own with the launcher's flags and a heap far smaller than the file:
     * it plans the 1000 MiB md_image (mapped, never touched) and its peak RSS stays a fraction of it.
     */
    @Test
    void thePlanningJvmNeverHoldsTheFile() throws Exception {
        Path t = tree(shared.resolve("rss-root"), PLANNABLE);
        Path image = disk(shared.resolve("rss-disk"), PLANNABLE);
        for (List<String> where : List.of(List.of("--root", t.toString()), List.of("--disk", image.toString()))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "autoboot", "--dry-run", "--host-root", largeHost.toString()));
            command.addAll(where);
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);
            Matcher m = Pattern.compile("peak RSS (\\d+) KiB").matcher(err);
            assertTrue(m.find(), err);
            long kib = Long.parseLong(m.group(1));
            System.out.printf("dry run of a %d MiB md_image (%s) with -Xmx64m: peak RSS %d KiB%n", PLANNABLE >> 20,
                    where.get(0), kib);
            assertTrue(kib < 300 * 1024, "peak RSS " + kib + " KiB for a " + (PLANNABLE >> 10) + " KiB file");
        }
    }
}
