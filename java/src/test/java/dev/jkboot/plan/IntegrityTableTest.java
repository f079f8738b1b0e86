package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The integrity table's ranges and CRCs, checked against segment bytes assembled here the way
 * kexec_load receives them (a zeroed buffer of memsz bytes, each piece's data written at pa - mem
 * in order) and CRC-32s computed over whole byte arrays.
 */
class IntegrityTableTest {
    static final long KERNEL = 0x40200000L;
    static final long TRAMPOLINE = 0x40a05000L;
    static final int TRAMPOLINE_SIZE = 1944;

    private final Random random = new Random(42);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static KexecSegment.Piece piece(String what, long pa, byte[] data, long memSize) {
        return new KexecSegment.Piece(what, pa, ByteBuffer.wrap(data), memSize);
    }

    /** The memsz bytes of a segment, as Linux lays them out. */
    private static byte[] image(KexecSegment s) {
        byte[] out = new byte[(int) s.memsz()];
        for (KexecSegment.Piece p : s.pieces()) {
            ByteBuffer d = p.data().duplicate();
            d.get(out, (int) (p.pa() - s.mem()), d.remaining());
        }
        return out;
    }

    private static int crc(byte[] b, int from, int to) {
        CRC32 c = new CRC32();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    /** A kernel segment over two 1 MiB windows with a .bss, and a metadata segment holding the trampoline. */
    private List<KexecSegment> plan() {
        byte[] kernel = bytes(0x180000 + 123);
        byte[] env = bytes(300);
        KexecSegment k = new KexecSegment(KERNEL, 0x200000, 0x181000 + 300, List.of(
                piece("kernel", KERNEL, kernel, 0x181000),
                piece("env", KERNEL + 0x181000, env, env.length)));
        byte[] meta = bytes(0x1800);
        byte[] tramp = bytes(TRAMPOLINE_SIZE);
        long metaPa = 0x40a03000L;
        KexecSegment m = new KexecSegment(metaPa, 0x3000, TRAMPOLINE + TRAMPOLINE_SIZE - metaPa, List.of(
                piece("metadata", metaPa, meta, meta.length),
                piece("trampoline", TRAMPOLINE, tramp, tramp.length)));
        return List.of(k, m);
    }

    @Test
    void coversEverySegmentExceptTheTrampolineWithCrcsOfTheLoadedBytes() {
        List<KexecSegment> segs = plan();
        IntegrityTable t = IntegrityTable.of(segs, Range.ofSize(TRAMPOLINE, TRAMPOLINE_SIZE), 20);
        assertEquals(3, t.entries().size(), t.entries().toString());

        byte[] k = image(segs.get(0));
        assertEquals(new IntegrityTable.Entry(KERNEL, 0x200000, crc(k, 0, k.length)), t.entries().get(0));

        byte[] m = image(segs.get(1));
        int split = (int) (TRAMPOLINE - segs.get(1).mem());
        assertEquals(new IntegrityTable.Entry(segs.get(1).mem(), split, crc(m, 0, split)), t.entries().get(1));
        assertEquals(new IntegrityTable.Entry(TRAMPOLINE + TRAMPOLINE_SIZE, m.length - split - TRAMPOLINE_SIZE,
                crc(m, split + TRAMPOLINE_SIZE, m.length)), t.entries().get(2));
        assertEquals(0x200000L + 0x3000 - TRAMPOLINE_SIZE, t.bytes());
    }

    @Test
    void theRangesAndTheTrampolineTileTheSegmentsExactly() {
        List<KexecSegment> segs = plan();
        Range blob = Range.ofSize(TRAMPOLINE, TRAMPOLINE_SIZE);
        IntegrityTable t = IntegrityTable.of(segs, blob, 20);
        List<Range> tiles = new ArrayList<>(t.entries().stream().map(IntegrityTable.Entry::range).toList());
        tiles.add(blob);
        tiles.sort(null);
        List<Range> expected = List.of(new Range(KERNEL, KERNEL + 0x200000), new Range(0x40a03000L, TRAMPOLINE),
                blob, new Range(TRAMPOLINE + TRAMPOLINE_SIZE, 0x40a06000L));
        assertEquals(expected, tiles);
    }

    @Test
    void aChangedByteOrTrampolineContentsMatterOnlyOutsideTheBlob() {
        List<KexecSegment> segs = plan();
        Range blob = Range.ofSize(TRAMPOLINE, TRAMPOLINE_SIZE);
        IntegrityTable before = IntegrityTable.of(segs, blob, 20);

        // A different trampoline (another data block) leaves the table as it was.
        KexecSegment m = segs.get(1);
        List<KexecSegment.Piece> pieces = new ArrayList<>(m.pieces());
        pieces.set(1, piece("trampoline", TRAMPOLINE, bytes(TRAMPOLINE_SIZE), TRAMPOLINE_SIZE));
        List<KexecSegment> retrampolined = List.of(segs.get(0), new KexecSegment(m.mem(), m.memsz(), m.bufsz(), pieces));
        assertEquals(before, IntegrityTable.of(retrampolined, blob, 20));

        // One flipped bit in the kernel changes exactly the kernel's CRC.
        byte[] kernel = new byte[segs.get(0).pieces().get(0).data().remaining()];
        segs.get(0).pieces().get(0).data().duplicate().get(kernel);
        kernel[0x123456] ^= 0x10;
        KexecSegment k = segs.get(0);
        List<KexecSegment> flipped = List.of(new KexecSegment(k.mem(), k.memsz(), k.bufsz(),
                List.of(piece("kernel", KERNEL, kernel, 0x181000), k.pieces().get(1))), m);
        IntegrityTable after = IntegrityTable.of(flipped, blob, 20);
        assertNotEquals(before.entries().get(0).crc32(), after.entries().get(0).crc32());
        assertEquals(before.entries().subList(1, 3), after.entries().subList(1, 3));
    }

    @Test
    void overlappingPiecesAreWrittenInOrderAsTheKexecBuffersAre() {
        byte[] a = bytes(0x2000);
        byte[] b = bytes(0x800);
        KexecSegment s = new KexecSegment(KERNEL, 0x3000, 0x2400, List.of(
                piece("a", KERNEL, a, a.length), piece("b", KERNEL + 0x1c00, b, b.length)));
        IntegrityTable t = IntegrityTable.of(List.of(s), Range.ofSize(0x80000000L, 0x800), 20);
        byte[] img = image(s);
        assertEquals(b[0], img[0x1c00], "the later piece wins in the reference layout too");
        assertEquals(crc(img, 0, img.length), t.entries().get(0).crc32());
    }

    @Test
    void theTrampolineAtASegmentsStartOrEndLeavesOneRange() {
        KexecSegment s = new KexecSegment(0x40a05000L, 0x1000, TRAMPOLINE_SIZE,
                List.of(piece("trampoline", TRAMPOLINE, bytes(TRAMPOLINE_SIZE), TRAMPOLINE_SIZE)));
        IntegrityTable t = IntegrityTable.of(List.of(s), Range.ofSize(TRAMPOLINE, TRAMPOLINE_SIZE), 20);
        assertEquals(List.of(new IntegrityTable.Entry(TRAMPOLINE + TRAMPOLINE_SIZE, 0x1000 - TRAMPOLINE_SIZE,
                crc(new byte[0x1000 - TRAMPOLINE_SIZE], 0, 0x1000 - TRAMPOLINE_SIZE))), t.entries());
        IntegrityTable whole = IntegrityTable.of(List.of(s), Range.ofSize(TRAMPOLINE, 0x1000), 20);
        assertTrue(whole.isEmpty(), "a segment that is all trampoline leaves nothing to check");
    }

    @Test
    void theCrcIsZlibsCrc32() {
        // The CRC-32 check value of "123456789" (zlib, IEEE 802.3 polynomial, reflected, ~0 in and out)
        // is 0xcbf43926: the value CRC32B/CRC32X with init ~0 and a final inversion give on aarch64.
        byte[] text = "123456789".getBytes(StandardCharsets.US_ASCII);
        KexecSegment s = new KexecSegment(KERNEL, 0x1000, text.length, List.of(piece("t", KERNEL, text, text.length)));
        assertEquals(0xcbf43926, IntegrityTable.crc(s, Range.ofSize(KERNEL, text.length)));
    }

    @Test
    void sixteenSegmentsAndTheSplitFitSeventeenButNotSixteen() {
        List<KexecSegment> segs = new ArrayList<>();
        for (int i = 0; i < Planner.MAX_SEGMENTS; i++) {
            long mem = KERNEL + 0x10000L * i;
            segs.add(new KexecSegment(mem, 0x2000, 0x10, List.of(piece("s" + i, mem, bytes(0x10), 0x10))));
        }
        Range blob = Range.ofSize(KERNEL + 0x800, 0x100);
        assertEquals(17, IntegrityTable.of(segs, blob, 17).entries().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntegrityTable.of(segs, blob, 16));
        assertTrue(e.getMessage().contains("17 ranges"), e.getMessage());
        assertTrue(Trampoline.aarch64().integrityCapacity() >= 17);
    }
}
