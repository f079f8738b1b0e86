package dev.jkboot.zfs.nvlist;

import dev.jkboot.zfs.ZfsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a packed nvlist in XDR encoding, the form of a vdev label's configuration and of the
 * MOS {@code config} object (libnvpair's nvs_xdr_* in sys/contrib/openzfs/module/nvpair/nvpair.c;
 * FreeBSD's loader reads it in stand/libsa/zfs/nvlist.c): a 4-byte header (encoding 1 = XDR),
 * then the list: version, flags, and pairs of {encoded size, decoded size, name, type, element
 * count, value}, ended by two zero sizes. Every count is checked against the bytes that remain
 * before anything is allocated, and nesting is bounded, so damaged or hostile bytes end in one
 * {@link ZfsException}.
 */
public final class XdrNvList {
    /** Deeper than any vdev tree (root, top-level, mirror/raidz, replacing, leaf). */
    static final int MAX_DEPTH = 16;
    /** Pairs in one decode, all lists together: a label holds a few dozen. */
    static final int MAX_PAIRS = 100_000;
    private static final int NV_ENCODE_XDR = 1;

    private final byte[] bytes;
    private final int end;
    private final String what;
    private int pos;
    private int pairs;

    private XdrNvList(byte[] bytes, int start, int end, String what) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    /**
     * The nvlist packed in {@code bytes[offset, offset + length)}; bytes after its end are ignored
     * (a label's nvlist area is zero-padded).
     *
     * @param what how messages name the bytes ("the label of /dev/vda3")
     */
    public static NvList decode(byte[] bytes, int offset, int length, String what) throws ZfsException {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("range outside the buffer");
        }
        XdrNvList reader = new XdrNvList(bytes, offset, offset + length, what);
        if (length < 4) {
            throw reader.damaged("is shorter than an nvlist header");
        }
        if (bytes[offset] != NV_ENCODE_XDR) {
            throw new ZfsException("%s: the nvlist uses encoding %d, not XDR".formatted(what, bytes[offset] & 0xff),
                    "the label is damaged or was not written by ZFS");
        }
        reader.pos += 4;
        return reader.list(0);
    }

    private NvList list(int depth) throws ZfsException {
        if (depth > MAX_DEPTH) {
            throw damaged("nests nvlists more than %d deep".formatted(MAX_DEPTH));
        }
        int32(); // nvl_version
        int32(); // nvl_nvflag
        Map<String, Object> values = new LinkedHashMap<>();
        while (true) {
            int start = pos;
            int encoded = int32();
            int decoded = int32();
            if (encoded == 0 && decoded == 0) {
                return new NvList(values);
            }
            if (++pairs > MAX_PAIRS) {
                throw damaged("holds more than %d pairs".formatted(MAX_PAIRS));
            }
            if (encoded < 0 || encoded > end - start) {
                throw damaged("has a pair of %d bytes at offset %d, past its end".formatted(encoded, start));
            }
            String name = string();
            int type = int32();
            int count = int32();
            if (count < 0) {
                throw damaged("has a negative element count for \"%s\"".formatted(name));
            }
            Object value = value(type, count, name, depth);
            if (value == null) {
                pos = start + encoded; // a type jkboot has no use for: skipped by its encoded size
                if (pos <= start) {
                    throw damaged("has an empty pair \"%s\"".formatted(name));
                }
            } else {
                values.put(name, value);
            }
        }
    }

    /** The value of one pair, or null for a type jkboot skips. */
    private Object value(int type, int count, String name, int depth) throws ZfsException {
        switch (type) {
            case 1: // BOOLEAN: presence only
                return Boolean.TRUE;
            case 2, 3, 4, 5, 6, 21, 22, 23: // BYTE, INT16, UINT16, INT32, UINT32, BOOLEAN_VALUE, INT8, UINT8
                return (long) int32();
            case 7, 8, 18: // INT64, UINT64, HRTIME
                return int64();
            case 9: // STRING
                return string();
            case 10: { // BYTE_ARRAY: opaque, padded to 4
                need(pad(count), name);
                byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + count);
                pos += pad(count);
                return out;
            }
            case 15, 16: { // INT64_ARRAY, UINT64_ARRAY: xdr_array, count first
                int n = arrayCount(count, 8, name);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = int64();
                }
                return out;
            }
            case 11, 12, 13, 14, 24, 25, 26: { // 16/32-bit, boolean and 8-bit arrays: 4 bytes each
                int n = arrayCount(count, 4, name);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = int32();
                }
                return out;
            }
            case 17: { // STRING_ARRAY: count strings, no count prefix
                need((long) count * 4, name);
                List<String> out = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    out.add(string());
                }
                return out;
            }
            case 19: // NVLIST
                return list(depth + 1);
            case 20: { // NVLIST_ARRAY
                need((long) count * 16, name);
                List<NvList> out = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    out.add(list(depth + 1));
                }
                return out;
            }
            default:
                return null;
        }
    }

    private int arrayCount(int count, int width, String name) throws ZfsException {
        int n = int32();
        if (n != count) {
            throw damaged("says \"%s\" has %d elements, then %d".formatted(name, count, n));
        }
        need((long) n * width, name);
        return n;
    }

    private String string() throws ZfsException {
        int length = int32();
        if (length < 0) {
            throw damaged("has a string of negative length at offset %d".formatted(pos - 4));
        }
        need(pad(length), "a string");
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += pad(length);
        return s;
    }

    private static long pad(long length) {
        return (length + 3) & ~3L;
    }

    private void need(long count, String name) throws ZfsException {
        if (count < 0 || count > end - pos) {
            throw damaged("needs %d bytes for %s at offset %d, past its end".formatted(count, name, pos));
        }
    }

    private int int32() throws ZfsException {
        need(4, "a number");
        int v = ((bytes[pos] & 0xff) << 24) | ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8)
                | (bytes[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long int64() throws ZfsException {
        long hi = int32() & 0xffffffffL;
        long lo = int32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    private ZfsException damaged(String problem) {
        return new ZfsException("%s: the nvlist %s".formatted(what, problem),
                "the label is damaged; another label or member of the pool may still be good");
    }
}
