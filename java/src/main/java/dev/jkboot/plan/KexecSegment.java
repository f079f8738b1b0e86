package dev.jkboot.plan;

import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One kexec segment: {@code memsz} bytes of physical memory at {@code mem} (both page aligned), of
 * which the first {@code bufsz} come from the pieces (gaps between them zero) and the rest Linux
 * zero-fills.
 */
public record KexecSegment(long mem, long memsz, long bufsz, List<Piece> pieces) {

    /** Bytes at a physical address inside the segment, then zeros up to {@code memSize}. */
    public record Piece(String what, long pa, ByteBuffer data, long memSize) {
        public Piece {
            data = data.asReadOnlyBuffer();
        }

        public long dataEnd() {
            return pa + data.remaining();
        }

        public long end() {
            return pa + memSize;
        }
    }

    public KexecSegment {
        pieces = List.copyOf(pieces);
    }

    public long end() {
        return mem + memsz;
    }

    /** The bytes {@code segments} take in memory together. */
    public static long totalMemsz(List<KexecSegment> segments) {
        long total = 0;
        for (KexecSegment s : segments) {
            total += s.memsz();
        }
        return total;
    }

    /** Whether one segment holds all of {@code r}. */
    static boolean anyHolds(List<KexecSegment> segments, Range r) {
        for (KexecSegment s : segments) {
            if (new Range(s.mem(), s.end()).contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** What the segment holds, for people: "kernel, symbols, env". */
    public String contents() {
        Set<String> names = new LinkedHashSet<>();
        for (Piece p : pieces) {
            names.add(p.what());
        }
        return String.join(", ", names);
    }
}
