package dev.jkboot.zfs.compress;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ZFS's gzip-1..9 (sys/contrib/openzfs/module/zfs/gzip.c): one zlib stream (RFC 1950, with its
 * header and Adler-32), then padding to the block's physical size. The stream must end, and
 * must decode to exactly the target's size.
 */
final class Gzip {
    private Gzip() {}

    static void decompress(ByteBuffer source, byte[] target) throws CompressionException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(source.duplicate());
            int out = 0;
            while (out < target.length && !inflater.finished()) {
                int n = inflater.inflate(target, out, target.length - out);
                out += n;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw Decompression.truncated("gzip", out);
                }
            }
            if (!inflater.finished()) {
                if (inflater.inflate(new byte[1]) > 0) {
                    throw Decompression.corrupt("gzip", "the stream decodes to more than " + target.length + " bytes");
                }
                if (!inflater.finished()) {
                    throw Decompression.truncated("gzip", out);
                }
            }
            if (out != target.length) {
                throw Decompression.shortOutput("gzip", out, target.length);
            }
        } catch (DataFormatException e) {
            throw new CompressionException("a ZFS gzip block is corrupt: " + e.getMessage(), Decompression.DAMAGED_FIX, e);
        } finally {
            inflater.end();
        }
    }
}
