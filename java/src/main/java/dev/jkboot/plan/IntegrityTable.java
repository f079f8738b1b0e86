package dev.jkboot.plan;

import dev.jkboot.mem.Range;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The physical ranges the trampoline checksums just before entering the kernel, each with the
 * CRC-32 (zlib/IEEE, as {@link CRC32}) of the bytes kexec_load puts there, so that a kernel whose
 * memory changed after loading (a stray DMA, say) is never entered. It is kexec-tools' purgatory
 * check done by jkboot's trampoline. {@link #NONE} (no ranges) turns the check off.
 */
public record IntegrityTable(List<Entry> entries) {
    /** No check. */
    public static final IntegrityTable NONE = new IntegrityTable(List.of());

    /** Bytes per CRC pass over a segment; bounds the memory used, whatever the segment's size. */
    private static final int WINDOW = 1 << 20;

    /** {@code length} bytes at {@code pa} must have this CRC-32 when the trampoline runs. */
    public record Entry(long pa, long length, int crc32) {
        public Entry {
            if (length <= 0 || pa < 0) {
                throw new IllegalArgumentException("integrity range at 0x%x of %d bytes".formatted(pa, length));
            }
        }

        public Range range() {
            return Range.ofSize(pa, length);
        }
    }

    public IntegrityTable {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Bytes the trampoline reads for the check. */
    public long bytes() {
        long total = 0;
        for (Entry e : entries) {
            total += e.length();
        }
        return total;
    }

    /**
     * Every byte of every segment (its {@code memsz}, including what Linux zero-fills past
     * {@code bufsz}) except the trampoline blob's own bytes, whose data block holds this table and
     * whose contents therefore do not matter here: a segment holding the blob becomes the ranges
     * before and after it. A segment's bytes are what kexec_load copies: zeros, then each piece's
     * data at {@code pa - mem} in list order (a later piece wins where pieces overlap).
     *
     * @param trampolineBlob the PAs of the trampoline blob ({@code Range.ofSize(pa, trampoline.size())})
     * @param capacity how many ranges the trampoline holds ({@link Trampoline#integrityCapacity()})
     * @throws IllegalArgumentException if more than {@code capacity} ranges are needed
     */
    public static IntegrityTable of(List<KexecSegment> segments, Range trampolineBlob, int capacity) {
        List<Entry> entries = new ArrayList<>();
        for (KexecSegment s : segments) {
            for (Range part : new Range(s.mem(), s.end()).minus(trampolineBlob)) {
                if (!part.isEmpty()) {
                    entries.add(new Entry(part.start(), part.size(), crc(s, part)));
                }
            }
        }
        if (entries.size() > capacity) {
            throw new IllegalArgumentException("the integrity check needs " + entries.size()
                    + " ranges (one per kexec segment, the segment holding the trampoline split around it); "
                    + "the trampoline holds " + capacity);
        }
        return new IntegrityTable(entries);
    }

    /** CRC-32 of the segment's bytes in {@code part}, a window at a time. */
    static int crc(KexecSegment s, Range part) {
        CRC32 crc = new CRC32();
        byte[] window = new byte[(int) Math.min(WINDOW, part.size())];
        for (long at = part.start(); at < part.end(); at += window.length) {
            Range w = new Range(at, Math.min(part.end(), at + window.length));
            Arrays.fill(window, (byte) 0);
            for (KexecSegment.Piece p : s.pieces()) {
                Range data = new Range(p.pa(), p.dataEnd());
                if (data.overlaps(w)) {
                    Range both = data.intersect(w);
                    ByteBuffer src = p.data().duplicate();
                    src.position(src.position() + (int) (both.start() - p.pa()));
                    src.get(window, (int) (both.start() - w.start()), (int) both.size());
                }
            }
            crc.update(window, 0, (int) w.size());
        }
        return (int) crc.getValue();
    }
}
