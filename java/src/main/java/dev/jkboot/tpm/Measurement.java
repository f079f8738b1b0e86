package dev.jkboot.tpm;

import dev.jkboot.fs.FileContent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thing to measure: the bytes whose digest is extended into {@code pcr}, and the event log
 * entry that says what they were ({@code eventType}, {@code eventData}).
 *
 * <p>PCRs and event types follow GRUB (include/grub/tpm.h, grub-core/commands/tpm.c): files into
 * PCR 9, the kernel command line into PCR 8, both as EV_IPL; a file is described by its name, the
 * command line by itself, each NUL-terminated as GRUB logs them.
 */
public record Measurement(int pcr, int eventType, byte[] eventData, FileContent content) {
    /** EV_IPL: "the loader's code and data" (TCG PC Client Platform Firmware Profile, 10.4.1). */
    public static final int EV_IPL = 0x0000000D;
    /** GRUB_BINARY_PCR: files the loader loads. */
    public static final int FILE_PCR = 9;
    /** GRUB_STRING_PCR: commands and the kernel command line. */
    public static final int STRING_PCR = 8;
    /** GRUB's tag for the kernel command line in PCR 8 (grub-core/loader/*: grub_verify_string). */
    public static final String COMMAND_LINE_PREFIX = "kernel_cmdline: ";
    /** Holes of a sparse file are hashed as zeros, this many at a time. */
    private static final int ZEROS = 1 << 16;

    public Measurement {
        eventData = eventData.clone();
    }

    @Override
    public byte[] eventData() {
        return eventData.clone();
    }

    /** A file loaded for FreeBSD: its bytes, described by its name. */
    public static Measurement file(String name, FileContent content) {
        return new Measurement(FILE_PCR, EV_IPL, terminated(name), content);
    }

    /**
     * The kernel's command line, as GRUB measures Linux's: the digest of the line itself, logged
     * as {@code "kernel_cmdline: " + line + NUL} (the prefix and NUL are not hashed, so event log
     * tools recompute the digest from the data).
     */
    public static Measurement commandLine(String line) {
        return new Measurement(STRING_PCR, EV_IPL, terminated(COMMAND_LINE_PREFIX + line),
                FileContent.of(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digests of the content in each algorithm, from one pass over its bytes. */
    public List<Digest> digests(List<TpmAlgorithm> algorithms) {
        MessageDigest[] engines = algorithms.stream().map(TpmAlgorithm::newDigest).toArray(MessageDigest[]::new);
        long covered = 0;
        for (FileContent.Extent e : content.extents()) {
            zeros(engines, e.offset() - covered);
            for (MessageDigest md : engines) {
                md.update(e.bytes().duplicate());
            }
            covered = e.end();
        }
        zeros(engines, content.size() - covered);
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < engines.length; i++) {
            digests.add(new Digest(algorithms.get(i), engines[i].digest()));
        }
        return digests;
    }

    /** What the event log says this was, for people: the text of the event data up to its first NUL. */
    public String describe() {
        int end = 0;
        while (end < eventData.length && eventData[end] != 0) {
            end++;
        }
        return new String(eventData, 0, end, StandardCharsets.UTF_8);
    }

    private static void zeros(MessageDigest[] engines, long count) {
        byte[] zeros = new byte[(int) Math.min(ZEROS, Math.max(count, 0))];
        for (long left = count; left > 0; left -= zeros.length) {
            int n = (int) Math.min(zeros.length, left);
            for (MessageDigest md : engines) {
                md.update(ByteBuffer.wrap(zeros, 0, n));
            }
        }
    }

    private static byte[] terminated(String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(s, s.length + 1);
    }
}
