package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.exec.NativeKexec.SegmentTable;
import dev.jkboot.plan.KexecSegment;
import dev.jkboot.plan.KexecSegment.Piece;
import dev.jkboot.shim.Errno;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NativeKexec's own work before kexec_load: the 32-byte {@code struct kexec_segment} entries and the buffers
 * they point to, read back as Linux reads them ({@link FakeKernelShim}). No shim and no system call.
 */
class SegmentTableTest {
    private static final long ENTRY = 0x4020_2000L;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Piece piece(String what, long pa, byte[] data) {
        return new Piece(what, pa, ByteBuffer.wrap(data), data.length);
    }

    /** The expected memory of a segment, built here without NativeKexec: pieces at pa - mem, zeros elsewhere. */
    private static byte[] expectedMemory(KexecSegment s) {
        byte[] m = new byte[Math.toIntExact(s.memsz())];
        for (Piece p : s.pieces()) {
            ByteBuffer d = p.data().duplicate();
            d.get(m, Math.toIntExact(p.pa() - s.mem()), d.remaining());
        }
        return m;
    }

    private final byte[] kernel = bytes(0x1800, 1);
    private final byte[] env = bytes(100, 2);
    private final byte[] tramp = bytes(16, 3);
    private final byte[] module = bytes(0x900, 4);
    // Segment 0: the kernel at its start, a gap, the environment, a gap, the trampoline ending exactly at bufsz,
    // then memsz beyond bufsz. Segment 1: no bytes at all. Segment 2: a piece whose buffer is a slice.
    private final KexecSegment first = new KexecSegment(0x4020_0000L, 0x5000, 0x3000, List.of(
            piece("kernel", 0x4020_0000L, kernel),
            piece("env", 0x4020_2000L, env),
            piece("trampoline", 0x4020_2ff0L, tramp)));
    private final KexecSegment empty = new KexecSegment(0x4800_0000L, 0x2000, 0, List.of());
    private final KexecSegment sliced = new KexecSegment(0x4900_0000L, 0x1000, 0x1000, List.of(
            new Piece("module", 0x4900_0100L, ByteBuffer.wrap(module, 0x100, 0x700).slice(), 0x700)));
    private final List<KexecSegment> segments = List.of(first, empty, sliced);

    private final FakeKernelShim shim = new FakeKernelShim();

    private static byte[] read(ByteBuffer b, int at, int length) {
        byte[] out = new byte[length];
        b.get(at, out);
        return out;
    }

    @Test
    void theTableHas32ByteEntriesOfBufBufszMemMemsz() {
        SegmentTable t = SegmentTable.of(segments, shim);
        assertEquals(3 * 32, t.table().capacity());
        assertTrue(t.table().isDirect());
        assertEquals(2, t.buffers().size(), "one buffer per segment with bytes");
        ByteBuffer table = t.table().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(shim.address(t.buffers().get(0)), table.getLong(0));
        assertEquals(0x3000, table.getLong(8));
        assertEquals(0x4020_0000L, table.getLong(16));
        assertEquals(0x5000, table.getLong(24));
        assertEquals(0, table.getLong(32), "a segment without bytes has a NULL buf");
        assertEquals(0, table.getLong(40));
        assertEquals(0x4800_0000L, table.getLong(48));
        assertEquals(0x2000, table.getLong(56));
        assertEquals(shim.address(t.buffers().get(1)), table.getLong(64));
        assertEquals(0x1000, table.getLong(72));
        assertEquals(0x4900_0000L, table.getLong(80));
        assertEquals(0x1000, table.getLong(88));
        assertEquals(0x3000, t.buffers().get(0).capacity(), "a buffer is bufsz bytes, not memsz");
        assertEquals(t.buffers(), shim.live, "the buffers came from the shim");
        t.close();
        assertEquals(List.of(), shim.live, "closing the table gives every buffer back");
    }

    @Test
    void eachPieceIsAtItsOffsetAndTheGapsAreZero() {
        ByteBuffer buf = SegmentTable.of(segments, shim).buffers().get(0);
        assertArrayEquals(kernel, read(buf, 0, kernel.length));
        assertArrayEquals(new byte[0x2000 - kernel.length], read(buf, kernel.length, 0x2000 - kernel.length));
        assertArrayEquals(env, read(buf, 0x2000, env.length));
        assertArrayEquals(new byte[0xff0 - env.length], read(buf, 0x2000 + env.length, 0xff0 - env.length));
        assertArrayEquals(tramp, read(buf, 0x2ff0, tramp.length));

        ByteBuffer slice = SegmentTable.of(segments, shim).buffers().get(1);
        assertArrayEquals(new byte[0x100], read(slice, 0, 0x100));
        byte[] moduleSlice = new byte[0x700];
        System.arraycopy(module, 0x100, moduleSlice, 0, 0x700);
        assertArrayEquals(moduleSlice, read(slice, 0x100, 0x700), "a sliced buffer is copied from its position");
        assertArrayEquals(new byte[0x800], read(slice, 0x800, 0x800));
    }

    @Test
    void loadHandsTheKernelExactlyThePlannedMemoryAndLeavesThePiecesUnread() {
        FakeKernelShim linux = new FakeKernelShim();
        NativeKexec kexec = new NativeKexec(linux, NativeKexec.KEXEC_ARCH_AARCH64);
        assertEquals(0, kexec.load(ENTRY, segments));
        assertEquals(0, kexec.load(ENTRY, segments), "a second load of the same segments");
        assertEquals(2, linux.calls.size());
        assertEquals(List.of(), linux.live, "every buffer is freed once kexec_load has returned");
        for (FakeKernelShim.Call call : linux.calls) {
            assertEquals(ENTRY, call.entry());
            assertEquals(3, call.nrSegments());
            assertEquals(NativeKexec.KEXEC_ARCH_AARCH64, call.flags());
            for (int i = 0; i < segments.size(); i++) {
                KexecSegment s = segments.get(i);
                FakeKernelShim.Seen seen = call.segments().get(i);
                assertEquals(s.mem(), seen.mem());
                assertEquals(s.memsz(), seen.memsz());
                assertEquals(s.bufsz(), seen.bufsz());
                assertArrayEquals(expectedMemory(s), seen.memory(), "segment " + i);
            }
        }
    }

    @Test
    void theKernelsAnswerIsReturnedAsIs() {
        FakeKernelShim linux = new FakeKernelShim();
        linux.loadResult = -Errno.EADDRNOTAVAIL;
        assertEquals(-Errno.EADDRNOTAVAIL, new NativeKexec(linux, NativeKexec.KEXEC_ARCH_AARCH64).load(ENTRY, segments));
    }

    @Test
    void noSegmentsIsAnEmptyTable() {
        FakeKernelShim linux = new FakeKernelShim();
        new NativeKexec(linux, NativeKexec.KEXEC_ARCH_AARCH64).load(ENTRY, List.of());
        assertEquals(0, linux.calls.get(0).nrSegments());
        assertEquals(List.of(), linux.calls.get(0).segments());
    }

    @Test
    void aPieceOutsideItsSegmentsBufferIsABug() {
        KexecSegment over = new KexecSegment(0x4020_0000L, 0x2000, 0x1000, List.of(piece("env", 0x4020_0ff0L, env)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentTable.of(List.of(first, over), shim));
        assertEquals("piece env (0x40200ff0, 100 bytes) lies outside the 4096 bytes of segment 0x40200000", e.getMessage());
        assertEquals(List.of(), shim.live, "the buffers made before the bad piece are given back");
        KexecSegment under = new KexecSegment(0x4020_1000L, 0x1000, 0x1000, List.of(piece("env", 0x4020_0ff0L, env)));
        assertThrows(IllegalArgumentException.class, () -> SegmentTable.of(List.of(under), shim));
        assertEquals(List.of(), shim.live);
    }

    @Test
    void randomLayoutsReachTheKernelByteForByte() {
        long seed = 0x6a6b626f6f74L;
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<KexecSegment> layout = new ArrayList<>();
            long mem = 0x4000_0000L + (random.nextInt(64) << 12);
            int count = random.nextInt(5);
            for (int s = 0; s < count; s++) {
                int bufsz = random.nextInt(4) == 0 ? 0 : (1 + random.nextInt(6)) * 0x1000;
                int memsz = bufsz + random.nextInt(3) * 0x1000 + (bufsz == 0 ? 0x1000 : 0);
                List<Piece> pieces = new ArrayList<>();
                int at = 0;
                while (bufsz > 0 && at < bufsz && random.nextInt(4) != 0) {
                    int gap = random.nextInt(3) == 0 ? 0 : random.nextInt(Math.min(0x400, bufsz - at) + 1);
                    int room = bufsz - at - gap;
                    if (room <= 0) {
                        break;
                    }
                    byte[] data = bytes(1 + random.nextInt(Math.min(room, 0x1800)), random.nextInt());
                    pieces.add(piece("p" + pieces.size(), mem + at + gap, data));
                    at += gap + data.length;
                }
                layout.add(new KexecSegment(mem, memsz, bufsz, pieces));
                mem += memsz + (random.nextInt(4) << 12);
            }
            FakeKernelShim linux = new FakeKernelShim();
            new NativeKexec(linux, NativeKexec.KEXEC_ARCH_AARCH64).load(ENTRY, layout);
            List<FakeKernelShim.Seen> seen = linux.calls.get(0).segments();
            assertEquals(layout.size(), seen.size(), "seed " + seed + ", round " + round);
            for (int i = 0; i < layout.size(); i++) {
                assertArrayEquals(expectedMemory(layout.get(i)), seen.get(i).memory(),
                        "seed " + seed + ", round " + round + ", segment " + i);
                assertEquals(layout.get(i).bufsz(), seen.get(i).bytes().length);
            }
        }
    }

    @Test
    void theRecordingFakeKeepsWhatTheKernelWouldRead() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.loadResult = -Errno.ENOMEM;
        assertEquals(-Errno.ENOMEM, sys.load(ENTRY, segments));
        assertEquals(List.of("load"), sys.calls);
        RecordingSyscalls.Load load = sys.loads.get(0);
        assertEquals(ENTRY, load.entry());
        assertEquals(3, load.segments().size());
        RecordingSyscalls.Segment s0 = load.segments().get(0);
        assertEquals(0x5000, s0.memory().length, "zero-filled up to memsz");
        assertArrayEquals(env, s0.at(0x4020_2000L, env.length));
        assertArrayEquals(new byte[0x2000], s0.at(0x4020_3000L, 0x2000), "beyond bufsz is zero");
        assertArrayEquals(new byte[0x2000], load.segments().get(1).memory());
        assertArrayEquals(expectedMemory(sliced), load.segments().get(2).memory());
        assertThrows(IllegalArgumentException.class, () -> s0.at(0x4020_4fffL, 2));
    }

    @Test
    void aShimWithAnotherSegmentSizeIsRefusedNamingBothValues() {
        KexecException e = assertThrows(KexecException.class,
                () -> NativeKexec.checkAbi(24, NativeKexec.KEXEC_ARCH_AARCH64, NativeKexec.KEXEC_ARCH_AARCH64));
        assertEquals("jkboot's native shim libjkboot.so does not fit this jkboot: its struct kexec_segment is 24 bytes "
                + "(jkboot lays out 32) and it was built for KEXEC_ARCH_AARCH64 (0xb70000) (this boot needs "
                + "KEXEC_ARCH_AARCH64 (0xb70000))", e.getMessage());
        assertTrue(e.fix().startsWith("rebuild the shim for this machine"), e.fix());
        assertEquals(ExitStatus.KEXEC, e.exitStatus());
    }

    @Test
    void aShimForAnotherArchitectureIsRefusedNamingBothValues() {
        KexecException e = assertThrows(KexecException.class,
                () -> NativeKexec.checkAbi(32, NativeKexec.KEXEC_ARCH_X86_64, NativeKexec.KEXEC_ARCH_AARCH64));
        assertTrue(e.getMessage().contains("built for KEXEC_ARCH_X86_64 (0x3e0000) (this boot needs "
                + "KEXEC_ARCH_AARCH64 (0xb70000))"), e.getMessage());
        assertTrue(e.fix().startsWith("the jkboot build is for another architecture"), e.fix());
        KexecException both = assertThrows(KexecException.class,
                () -> NativeKexec.checkAbi(16, 40L << 16, NativeKexec.KEXEC_ARCH_AARCH64));
        assertTrue(both.getMessage().contains("is 16 bytes (jkboot lays out 32) and it was built for "
                + "kexec architecture (0x280000) (this boot needs KEXEC_ARCH_AARCH64 (0xb70000))"), both.getMessage());
        assertTrue(both.fix().startsWith("the jkboot build is for another architecture"), both.fix());
    }

    @Test
    void aMatchingShimPasses() throws KexecException {
        NativeKexec.checkAbi(32, NativeKexec.KEXEC_ARCH_AARCH64, NativeKexec.KEXEC_ARCH_AARCH64);
        NativeKexec.checkAbi(32, NativeKexec.KEXEC_ARCH_X86_64, NativeKexec.KEXEC_ARCH_X86_64);
    }
}
