package dev.jkboot.exec;

import dev.jkboot.plan.KexecSegment;
import dev.jkboot.shim.ShimLibrary;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link KexecSyscalls} through jkboot's C shim ({@code libjkboot.so}, native/shim) over JNI, loaded
 * from the installation's native directory ({@link ShimLibrary}) when a boot first needs it.
 */
public final class NativeKexec implements KexecSyscalls {
    /** KEXEC_ARCH_AARCH64 (include/uapi/linux/kexec.h: EM_AARCH64 << 16). */
    public static final long KEXEC_ARCH_AARCH64 = 183L << 16;
    /** KEXEC_ARCH_X86_64 (EM_X86_64 << 16): what the host build of the shim reports, for its tests. */
    public static final long KEXEC_ARCH_X86_64 = 62L << 16;
    /** sizeof(struct kexec_segment) on LP64: buf, bufsz, mem, memsz. */
    static final int SEGMENT_SIZE = 32;

    /**
     * The shim's calls ({@link LinuxKexecShim}; a Java fake in tests). {@code long} is C's {@code long} and
     * {@code unsigned long}, 64-bit on every LP64 target; results are 0 (or a value) or -errno.
     */
    interface Shim {
        /** kexec_load(2) of the {@code struct kexec_segment} array in the direct buffer {@code table}. */
        long kexecLoad(long entry, long nrSegments, ByteBuffer table, long flags);

        long kexecUnload(long flags);

        long rebootKexec();

        void sync();

        long segmentSize();

        long archFlag();

        long counter();

        long counterFrequency();

        /** The address of a direct buffer's first byte (not its position's). */
        long address(ByteBuffer direct);

        /**
         * Reads one byte of every {@code page} bytes of {@code direct} from index {@code from} to {@code to}
         * (exclusive), bringing its pages in; returns the sum of the bytes read.
         */
        long touchPages(ByteBuffer direct, int from, int to, int page);

        /** {@code size} zeroed bytes outside the Java heap; they live until {@link #free}. */
        ByteBuffer allocate(int size);

        void free(ByteBuffer allocated);
    }

    /** What {@link #prefetch} reads between two progress updates. */
    private static final int PREFETCH_CHUNK = 1 << 20;
    private static final int PAGE = 4096;

    private final Shim shim;
    private final long archFlag;
    private final LoadProgress progress;

    NativeKexec(Shim shim, long archFlag) {
        this(shim, archFlag, LoadProgress.onStderr(true));
    }

    /** Shows the loading of big files on {@code progress}. */
    private NativeKexec(Shim shim, long archFlag, LoadProgress progress) {
        this.shim = shim;
        this.archFlag = archFlag;
        this.progress = progress;
    }

    /**
     * Loads the shim, showing the loading of big files on {@code progress}; {@code archFlag} is the image's
     * architecture (KEXEC_ARCH_AARCH64 for FreeBSD arm64).
     * Refuses a shim whose {@code struct kexec_segment} is not the 32 bytes {@link #load(long, List)} lays out,
     * or that was built for another architecture than {@code archFlag}: either would hand Linux a table it
     * misreads, or a flag it refuses with a bare EINVAL.
     */
    public static NativeKexec load(long archFlag, LoadProgress progress) throws KexecException {
        try {
            ShimLibrary.load();
        } catch (ShimLibrary.Unavailable e) {
            throw new KexecException(e.getMessage(), e.fix());
        }
        Shim shim = new LinuxKexecShim();
        checkAbi(shim.segmentSize(), shim.archFlag(), archFlag);
        return new NativeKexec(shim, archFlag, progress);
    }

    /**
     * The handshake: the shim's idea of the segment layout and of its architecture must be jkboot's. The
     * message names the shim's values and the expected ones, whichever of them disagrees.
     */
    static void checkAbi(long segmentSize, long shimArch, long archFlag) throws KexecException {
        boolean sizeOk = segmentSize == SEGMENT_SIZE;
        boolean archOk = shimArch == archFlag;
        if (sizeOk && archOk) {
            return;
        }
        String message = ("jkboot's native shim libjkboot.so does not fit this jkboot: its struct kexec_segment is %s "
                + "bytes (jkboot lays out %d) and it was built for %s (this boot needs %s)")
                .formatted(Long.toUnsignedString(segmentSize), SEGMENT_SIZE, archName(shimArch), archName(archFlag));
        String fix = archOk
                ? "rebuild the shim for this machine (scripts/build, or make -C native): jkboot needs the 64-bit "
                        + "(LP64) Linux build of libjkboot.so"
                : "the jkboot build is for another architecture: install the build made for this machine "
                        + "(scripts/build puts the aarch64 shim in build/native/shim/aarch64/), or rebuild the shim "
                        + "for this machine";
        throw new KexecException(message, fix);
    }

    /** A KEXEC_ARCH_* value by its uapi name, with the number. */
    static String archName(long flag) {
        String name = flag == KEXEC_ARCH_AARCH64 ? "KEXEC_ARCH_AARCH64"
                : flag == KEXEC_ARCH_X86_64 ? "KEXEC_ARCH_X86_64"
                : flag == 0 ? "KEXEC_ARCH_DEFAULT"
                : "kexec architecture";
        return "%s (0x%x)".formatted(name, flag);
    }

    Shim shim() {
        return shim;
    }

    @Override
    public long load(long entryPhys, List<KexecSegment> segments) {
        prefetch(segments, shim, progress);
        try (SegmentTable t = SegmentTable.of(segments, shim)) {
            long rc = shim.kexecLoad(entryPhys, segments.size(), t.table(), archFlag);
            // The table and the mappings it points into must outlive the call: a collected mapping is unmapped.
            Reference.reachabilityFence(t);
            return rc;
        }
    }

    /**
     * Reads every page of each big file held outside the heap (mapped from its file or device) before
     * kexec_load, showing progress: otherwise Linux reads them from the disk inside the system call, for
     * minutes with nothing to show. The pages stay where they are, in the page cache, and Linux copies
     * them from there: nothing is copied here. Returns a digest of the bytes touched, so no read is
     * optimised away. The pages are read by the shim, a chunk a call: read here, each page costs a
     * dozen interpreted calls, a few hundred milliseconds for a 33 MB file under emulation. Loops, not
     * lambdas or streams: each would spin classes at boot time under TCG.
     */
    static long prefetch(List<KexecSegment> segments, Shim shim, LoadProgress progress) {
        Map<String, List<ByteBuffer>> files = new LinkedHashMap<>();
        for (KexecSegment s : segments) {
            for (KexecSegment.Piece p : s.pieces()) {
                if (p.data().isDirect()) {
                    List<ByteBuffer> pieces = files.get(p.what());
                    if (pieces == null) {
                        pieces = new ArrayList<>();
                        files.put(p.what(), pieces);
                    }
                    pieces.add(p.data());
                }
            }
        }
        long touched = 0;
        for (Map.Entry<String, List<ByteBuffer>> f : files.entrySet()) {
            long size = 0;
            for (ByteBuffer b : f.getValue()) {
                size += b.remaining();
            }
            if (size < LoadProgress.THRESHOLD) {
                continue;
            }
            progress.begin(f.getKey(), size);
            for (ByteBuffer b : f.getValue()) {
                for (int at = b.position(); at < b.limit(); at += PREFETCH_CHUNK) {
                    int end = Math.min(b.limit(), at + PREFETCH_CHUNK);
                    touched += shim.touchPages(b, at, end, PAGE);
                    progress.advance(end - at);
                }
            }
            progress.end();
        }
        return touched;
    }

    /**
     * The native {@code struct kexec_segment} array kexec_load reads (32 bytes per segment: buf, bufsz, mem,
     * memsz) and the buffers its entries point to: each buffer holds its segment's pieces at
     * {@code pa - mem}, zeros between them; a segment without bytes has a NULL buf. A segment that is one
     * piece outside the heap (a mapped file) and exactly its bytes points at that piece itself: Linux copies
     * it from the mapping, and no buffer of its size is allocated ({@code mapped}). Keep it reachable until
     * kexec_load has returned; {@link #close} gives the buffers back.
     */
    record SegmentTable(Shim shim, ByteBuffer table, List<ByteBuffer> buffers, List<ByteBuffer> mapped)
            implements AutoCloseable {
        static SegmentTable of(List<KexecSegment> segments, Shim shim) {
            List<ByteBuffer> buffers = new ArrayList<>(segments.size());
            List<ByteBuffer> mapped = new ArrayList<>();
            ByteBuffer table = ByteBuffer.allocateDirect(SEGMENT_SIZE * Math.max(1, segments.size()))
                    .order(ByteOrder.nativeOrder());
            SegmentTable t = new SegmentTable(shim, table, buffers, mapped);
            try {
                for (int i = 0; i < segments.size(); i++) {
                    KexecSegment s = segments.get(i);
                    long buf = 0;
                    if (s.bufsz() > 0 && inPlace(s)) {
                        ByteBuffer data = s.pieces().get(0).data();
                        buf = shim.address(data) + data.position();
                        mapped.add(data);
                    } else if (s.bufsz() > 0) {
                        ByteBuffer copy = shim.allocate(Math.toIntExact(s.bufsz()));
                        buffers.add(copy);
                        fill(copy, s);
                        buf = shim.address(copy);
                    }
                    int base = i * SEGMENT_SIZE;
                    table.putLong(base, buf);
                    table.putLong(base + 8, s.bufsz());
                    table.putLong(base + 16, s.mem());
                    table.putLong(base + 24, s.memsz());
                }
                return t;
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }

        /** The segment's pieces at their offsets in its (zeroed) buffer. */
        private static void fill(ByteBuffer copy, KexecSegment s) {
            for (KexecSegment.Piece p : s.pieces()) {
                long offset = p.pa() - s.mem();
                int length = p.data().remaining();
                if (offset < 0 || offset + length > s.bufsz()) {
                    throw new IllegalArgumentException("piece %s (0x%x, %d bytes) lies outside the %d bytes of segment 0x%x"
                            .formatted(p.what(), p.pa(), length, s.bufsz(), s.mem()));
                }
                copy.put((int) offset, p.data(), p.data().position(), length);
            }
        }

        @Override
        public void close() {
            for (ByteBuffer b : buffers) {
                shim.free(b);
            }
            buffers.clear();
        }

        /** One piece outside the heap, at the segment's start, that is exactly the segment's bytes. */
        static boolean inPlace(KexecSegment s) {
            if (s.pieces().size() != 1) {
                return false;
            }
            KexecSegment.Piece p = s.pieces().get(0);
            return p.data().isDirect() && p.pa() == s.mem() && p.data().remaining() == s.bufsz();
        }
    }

    @Override
    public long unload() {
        return shim.kexecUnload(archFlag);
    }

    @Override
    public long rebootIntoLoaded() {
        return shim.rebootKexec();
    }

    @Override
    public void sync() {
        shim.sync();
    }

    @Override
    public long counter() {
        return shim.counter();
    }

    @Override
    public long counterFrequency() {
        return shim.counterFrequency();
    }
}
