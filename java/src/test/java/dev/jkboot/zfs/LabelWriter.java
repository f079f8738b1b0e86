package dev.jkboot.zfs;

import dev.jkboot.zfs.nvlist.NvList;
import dev.jkboot.zfs.nvlist.XdrNvList;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Our own writer (not an independent tool): rewrites the configuration nvlist of all four labels
 * of a pool image, XDR-encoded, with its embedded SHA-256 recomputed by java.security, to make
 * label cases zfs-fuse cannot write (pool version 5000 with feature flags).
 */
final class LabelWriter {
    private LabelWriter() {}

    static void rewrite(Path image, UnaryOperator<Map<String, Object>> change) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            for (int l = 0; l < 4; l++) {
                long at = Label.offset(f.length(), l) + (16 << 10);
                byte[] area = new byte[112 << 10];
                f.seek(at);
                f.readFully(area);
                NvList config = XdrNvList.decode(area, 0, area.length - 40, "label");
                byte[] encoded = encode(change.apply(new LinkedHashMap<>(config.asMap())));
                byte[] out = new byte[area.length];
                System.arraycopy(area, area.length - 40, out, area.length - 40, 8); // the eck magic
                out[0] = 1;
                out[1] = 1;
                System.arraycopy(encoded, 0, out, 4, encoded.length);
                ByteBuffer eck = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                eck.putLong(out.length - 32, at).putLong(out.length - 24, 0).putLong(out.length - 16, 0).putLong(out.length - 8, 0);
                ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(out));
                for (int w = 0; w < 4; w++) {
                    eck.putLong(out.length - 32 + 8 * w, digest.getLong(8 * w));
                }
                f.seek(at);
                f.write(out);
            }
        }
    }

    /** The XDR stream of an nvlist (without the 4-byte header). */
    static byte[] encode(Map<String, Object> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, 0);
        int32(out, 1);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            ByteArrayOutputStream pair = new ByteArrayOutputStream();
            string(pair, e.getKey());
            Object v = e.getValue();
            if (v instanceof Long n) {
                int32(pair, 8);
                int32(pair, 1);
                int64(pair, n);
            } else if (v instanceof String s) {
                int32(pair, 9);
                int32(pair, 1);
                string(pair, s);
            } else if (v instanceof Boolean) {
                int32(pair, 1);
                int32(pair, 0);
            } else if (v instanceof NvList nv) {
                int32(pair, 19);
                int32(pair, 1);
                pair.writeBytes(encode(nv.asMap()));
            } else if (v instanceof List<?> list) {
                int32(pair, 20);
                int32(pair, list.size());
                for (Object o : list) {
                    pair.writeBytes(encode(((NvList) o).asMap()));
                }
            } else if (v instanceof long[] arr) {
                int32(pair, 16);
                int32(pair, arr.length);
                int32(pair, arr.length);
                for (long x : arr) {
                    int64(pair, x);
                }
            } else {
                throw new IllegalArgumentException("cannot encode " + v.getClass());
            }
            int32(out, pair.size() + 8);
            int32(out, pair.size() + 8);
            out.writeBytes(pair.toByteArray());
        }
        int32(out, 0);
        int32(out, 0);
        return out.toByteArray();
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    private static void int64(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int32(out, b.length);
        out.writeBytes(b);
        out.writeBytes(new byte[(4 - b.length % 4) % 4]);
    }
}
