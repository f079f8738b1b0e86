package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.RawFile;
import dev.jkboot.freebsd.TestImages;
import dev.jkboot.fs.FileContent;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files larger than any Java array: mapped, cut into extents of 1 GiB, placed and segmented without
 * a copy; refused up front when no hole, span or kexec_load's half of RAM can hold them.
 */
class LargeFilePlanTest {
    static final Range EIGHT_GIB = Range.ofSize(0x40000000L, 8L << 30);
    static final TargetMemory LARGE = new TargetMemory(List.of(EIGHT_GIB), List.of(EIGHT_GIB), List.of());

    /** FreeBSD arm64 as if locore mapped 8 GiB: what placement does when only RAM limits it. */
    record WideTarget(FreeBsdArm64 base) implements Target {
        @Override public String description() { return "a wide FreeBSD arm64"; }
        @Override public long kernbase() { return base.kernbase(); }
        @Override public long kernelAlignment() { return base.kernelAlignment(); }
        @Override public long maxSpan() { return 8L << 30; }
        @Override public long earlyWindowEnd(long modulepVa) { return base.earlyWindowEnd(modulepVa); }
        @Override public Trampoline trampoline() { return base.trampoline(); }
        @Override public long kexecArchFlag() { return base.kexecArchFlag(); }
    }

    private static KexecSegment.Piece piece(String what, long pa, ByteBuffer data) {
        return new KexecSegment.Piece(what, pa, data, data.remaining());
    }

    @Test
    void aLargeMappedPieceKeepsASegmentOfItsOwnAndHeapPiecesMergeAsBefore() {
        ByteBuffer kernel = ByteBuffer.allocate(0x3000);
        ByteBuffer env = ByteBuffer.allocate(0x100);
        List<KexecSegment> direct = Planner.segments(List.of(piece("kernel", 0x40200000L, kernel),
                piece("md", 0x40203000L, ByteBuffer.allocateDirect(2 << 20)), piece("env", 0x40403000L, env)));
        assertEquals(List.of("kernel", "md", "env"), direct.stream().map(KexecSegment::contents).toList());
        assertEquals(2 << 20, direct.get(1).bufsz());
        List<KexecSegment> heap = Planner.segments(List.of(piece("kernel", 0x40200000L, kernel),
                piece("md", 0x40203000L, ByteBuffer.allocate(2 << 20)), piece("env", 0x40403000L, env)));
        assertEquals(List.of("kernel, md, env"), heap.stream().map(KexecSegment::contents).toList());
        List<KexecSegment> small = Planner.segments(List.of(piece("kernel", 0x40200000L, kernel),
                piece("md", 0x40203000L, ByteBuffer.allocateDirect(0x1000)), piece("env", 0x40204000L, env)));
        assertEquals(1, small.size(), "a small mapped piece is not worth a segment");
    }

    @Test
    void pastSixteenSegmentsTheSmallestNeighboursAreMergedFirst() {
        List<KexecSegment.Piece> pieces = new java.util.ArrayList<>();
        long pa = 0x40200000L;
        for (int i = 0; i < 20; i++) {
            int size = i == 7 ? 4 << 20 : 1 << 20;
            pieces.add(piece("p" + i, pa, ByteBuffer.allocateDirect(size)));
            pa += size;
        }
        List<KexecSegment> segments = Planner.segments(pieces);
        assertEquals(16, segments.size());
        assertTrue(segments.stream().anyMatch(s -> s.contents().equals("p7")), "the largest stays alone: "
                + segments.stream().map(KexecSegment::contents).toList());
    }

    @Test
    void aThreeGibSparseFileIsPlannedInPlaceWhereTheTargetAllowsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("md.img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(new byte[] {1, 2, 3});
            f.setLength(3L << 30);
        }
        FileContent content;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            content = FileContent.map(c, c.size());
        }
        assertEquals(3, content.extents().size());
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000),
                List.of(RawFile.loadable("/boot/md.img", "md_image", content, Optional.empty())), 0x23f000018L);
        Target wide = new WideTarget(FreeBsdArm64.builtIn());
        KexecPlan plan = Planner.place(img, LARGE, wide, TrampolineOptions.silent());
        List<KexecSegment> md = plan.segments().stream().filter(s -> s.contents().equals("/boot/md.img")).toList();
        assertEquals(3, md.size(), plan.segments().toString());
        for (KexecSegment s : md) {
            assertEquals(Align.GIB, s.bufsz());
            assertTrue(s.pieces().get(0).data().isDirect(), "handed to Linux where it is mapped");
        }
        assertEquals(3L << 30, plan.image().files().get(1).size());

        PlanException e = assertThrows(PlanException.class, () -> Planner.place(img, LARGE, FreeBsdArm64.builtIn(),
                TrampolineOptions.silent()));
        assertEquals(List.of(PlanRule.ONE_GIB), e.violations().stream().map(PlanException.Violation::rule).toList());
    }

    @Test
    void theFitCheckNamesTheFileItsSizeAndEveryLimitItBreaks() throws Exception {
        TargetMemory small = new TargetMemory(List.of(Range.ofSize(0x40000000L, 2L << 30)),
                List.of(Range.ofSize(0x40000000L, 2L << 30)), List.of(), OptionalLong.of(2L << 30));
        List<FitCheck.Sized> files = List.of(new FitCheck.Sized("/boot/md.img", "md_image", 3L << 30),
                new FitCheck.Sized("/boot/dtb/board.dtb", "dtb", 100));
        PlanException e = assertThrows(PlanException.class, () -> FitCheck.check(files, small, FreeBsdArm64.builtIn()));
        assertEquals("/boot/md.img (md_image) is 3072 MiB (3221225472 bytes); with the other 1 raw file the boot needs "
                + "at least 3072.0 MiB (3221229568 bytes), which cannot fit: the largest hole is [0x40000000, "
                + "0xc0000000), 2048 MiB from its first 2 MiB boundary; FreeBSD arm64 can map at most 1024 MiB from its "
                + "kernel's base, files included (plan rule ONE_GIB); Linux's kexec_load takes at most half of its "
                + "RAM, 1024 MiB of MemTotal 2048 MiB", e.getMessage());
        assertEquals(5, e.exitStatus());
        FitCheck.check(List.of(new FitCheck.Sized("/boot/md.img", "md_image", 512L << 20)), small,
                FreeBsdArm64.builtIn());
    }

    @Test
    void kexecLoadsHalfOfRamIsARuleOfThePlan() throws Exception {
        BootImage img = TestImages.uefiImage(TestImages.kernel(0x3000, 0x5000),
                List.of(TestImages.raw("/boot/md.img", "md_image", 3 << 20, (byte) 1)), 0x7e000018L);
        Range ram = new Range(0x40000000L, 0x80000000L);
        TargetMemory tight = new TargetMemory(List.of(ram), List.of(ram), List.of(), OptionalLong.of(6L << 20));
        PlanException e = assertThrows(PlanException.class,
                () -> Planner.plan(img, PlannerTest.STAGING, tight, PlannerTest.target(), TrampolineOptions.silent()));
        assertEquals(List.of(PlanRule.HALF_RAM), e.violations().stream().map(PlanException.Violation::rule).toList());
        assertTrue(e.getMessage().contains("Linux's MemTotal is 6 MiB: at most 3072 KiB"), e.getMessage());
        Planner.plan(img, PlannerTest.STAGING, new TargetMemory(List.of(ram), List.of(ram), List.of(),
                OptionalLong.of(1L << 30)), PlannerTest.target(), TrampolineOptions.silent());
    }
}
