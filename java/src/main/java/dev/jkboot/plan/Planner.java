package dev.jkboot.plan;

import dev.jkboot.freebsd.BootImage;
import dev.jkboot.freebsd.ImageChunk;
import dev.jkboot.mem.Align;
import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays a {@link BootImage} out in physical memory and cuts it into kexec segments.
 *
 * <p>The whole image keeps its kernel-VA shape: PA = staging + (VA − KERNBASE), the trampoline at
 * PA(kernend). Chunks that share or touch pages become one segment, except that a large mapped
 * file keeps a segment of its own, which Linux reads without a copy; gaps of whole pages stay out
 * of the segments, unless that would exceed Linux's 16-segment limit. A segment's buffer ends with
 * its last data byte: trailing zeros (a bss) cost no buffer, Linux zero-fills up to memsz.
 */
public final class Planner {
    public static final int MAX_SEGMENTS = 16;

    private Planner() {}

    /** Bytes of contiguous RAM the image needs from the staging address on, trampoline included. */
    public static long requiredBytes(BootImage image, Target target) {
        return Align.up(image.kernendVa() - target.kernbase() + target.trampoline().size(), Align.PAGE);
    }

    /**
     * Chooses the staging address with every keep-out in view ({@link Placement}), places the
     * image there and validates the result.
     *
     * @throws PlanException when nothing fits, or naming every violated {@link PlanRule}
     */
    public static KexecPlan place(BootImage image, TargetMemory memory, Target target, TrampolineOptions options)
            throws PlanException {
        StagingArea staging = Placement.find(memory, requiredBytes(image, target), target.kernelAlignment());
        return plan(image, staging.address(), memory, target, options);
    }

    /**
     * Places the image at {@code staging} and validates the result.
     *
     * @throws PlanException naming every violated {@link PlanRule} with its numbers
     */
    public static KexecPlan plan(BootImage image, long staging, TargetMemory memory, Target target,
                                 TrampolineOptions options) throws PlanException {
        long kernbase = target.kernbase();
        long trampolinePa = KexecPlan.phys(staging, kernbase, image.kernendVa());
        long memmapSrc = 0;
        long memmapDst = 0;
        long memmapLen = 0;
        if (image.efiMap().isPresent() && image.efiMap().get().copiedAtJump()) {
            memmapSrc = image.efiMap().get().sourcePhys();
            memmapDst = KexecPlan.phys(staging, kernbase, image.efiMapCopyVa().orElseThrow());
            memmapLen = image.efiMap().get().memorySize();
        }
        TrampolineData data = new TrampolineData(KexecPlan.phys(staging, kernbase, image.kernelEntryVa()),
                image.modulepVa(), memmapSrc, memmapDst, memmapLen, options.uartPhys());

        List<KexecSegment.Piece> pieces = new ArrayList<>();
        for (ImageChunk c : image.chunks()) {
            pieces.add(new KexecSegment.Piece(c.what(), KexecPlan.phys(staging, kernbase, c.va()), c.data(),
                    c.memSize()));
        }
        List<KexecSegment> segments = withTrampoline(pieces, trampolinePa, target.trampoline(), data);
        if (options.integrityCheck()) {
            // The table leaves out the trampoline's own bytes (its data block holds the table), so
            // filling it in changes no checksum: the second layout is the first with the table.
            IntegrityTable table = IntegrityTable.of(segments,
                    Range.ofSize(trampolinePa, target.trampoline().size()), target.trampoline().integrityCapacity());
            data = data.withIntegrity(table, options.corruptTestPhys());
            segments = withTrampoline(pieces, trampolinePa, target.trampoline(), data);
        } else if (options.corruptTestPhys() != 0) {
            throw new PlanException("the test hook that corrupts a byte after kexec_load needs the integrity check",
                    "add --check-integrity");
        }

        KexecPlan plan = new KexecPlan(target, image, staging, trampolinePa, data, segments);
        PlanValidator.check(plan, memory);
        return plan;
    }

    private static List<KexecSegment> withTrampoline(List<KexecSegment.Piece> image, long trampolinePa,
                                                     Trampoline trampoline, TrampolineData data) {
        byte[] tramp = trampoline.withData(data);
        List<KexecSegment.Piece> pieces = new ArrayList<>(image);
        pieces.add(new KexecSegment.Piece("trampoline", trampolinePa, ByteBuffer.wrap(tramp), tramp.length));
        return segments(pieces);
    }

    /**
     * Groups pieces into page-aligned segments: pieces that share a page are one segment, and so
     * are pieces on touching pages, except that a {@linkplain #zeroCopy zero-copy} piece keeps a
     * segment of its own, so that Linux reads it straight from its mapping. Past the limit of 16,
     * the closest neighbours are merged, and of equally close ones those with the fewest bytes, which
     * then cost a copy.
     */
    static List<KexecSegment> segments(List<KexecSegment.Piece> pieces) {
        List<KexecSegment.Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(new ByAddress());
        List<List<KexecSegment.Piece>> groups = new ArrayList<>();
        List<Range> spans = new ArrayList<>();
        for (KexecSegment.Piece p : sorted) {
            Range pages = new Range(Align.down(p.pa(), Align.PAGE), Align.up(p.end(), Align.PAGE));
            int last = spans.size() - 1;
            boolean sharesPage = last >= 0 && pages.start() < spans.get(last).end();
            boolean touches = last >= 0 && pages.start() == spans.get(last).end();
            boolean keepApart = touches && (zeroCopy(p) || groups.get(last).size() == 1 && zeroCopy(groups.get(last).get(0)));
            if (sharesPage || touches && !keepApart) {
                groups.get(last).add(p);
                spans.set(last, new Range(spans.get(last).start(), Math.max(spans.get(last).end(), pages.end())));
            } else {
                groups.add(new ArrayList<>(List.of(p)));
                spans.add(pages);
            }
        }
        while (spans.size() > MAX_SEGMENTS) {
            int best = 0;
            for (int i = 1; i + 1 < spans.size(); i++) {
                long g = gap(spans, i);
                long bestGap = gap(spans, best);
                if (g < bestGap || g == bestGap && bytes(groups, i) < bytes(groups, best)) {
                    best = i;
                }
            }
            groups.get(best).addAll(groups.remove(best + 1));
            spans.set(best, new Range(spans.get(best).start(), spans.remove(best + 1).end()));
        }
        List<KexecSegment> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Range span = spans.get(i);
            List<KexecSegment.Piece> g = groups.get(i);
            long dataEnd = Long.MIN_VALUE;
            for (KexecSegment.Piece piece : g) {
                dataEnd = Math.max(dataEnd, piece.dataEnd());
            }
            out.add(new KexecSegment(span.start(), span.size(), Math.max(dataEnd, span.start()) - span.start(), g));
        }
        return out;
    }

    /** Bytes a piece must be to be worth a segment of its own. */
    static final long ZERO_COPY_MIN = Align.MIB;

    /**
     * Whether a piece can be handed to Linux where it lies, without a copy: bytes outside the heap
     * (a mapped file), starting on a page, large enough to be worth a segment.
     */
    static boolean zeroCopy(KexecSegment.Piece p) {
        return p.data().isDirect() && p.data().remaining() >= ZERO_COPY_MIN && Align.isAligned(p.pa(), Align.PAGE);
    }

    /** The bytes of groups {@code i} and {@code i + 1} together: what merging them copies. */
    private static long bytes(List<List<KexecSegment.Piece>> groups, int i) {
        long sum = 0;
        for (int j = i; j <= i + 1; j++) {
            for (KexecSegment.Piece p : groups.get(j)) {
                sum += p.data().remaining();
            }
        }
        return sum;
    }

    private static long gap(List<Range> spans, int i) {
        return spans.get(i + 1).start() - spans.get(i).end();
    }

    /** Pieces by physical address; a class, not a lambda: start-up under emulation, issue 12. */
    private static final class ByAddress implements Comparator<KexecSegment.Piece> {
        @Override
        public int compare(KexecSegment.Piece a, KexecSegment.Piece b) {
            return Long.compare(a.pa(), b.pa());
        }
    }
}
