package dev.jkboot.zfs;

import dev.jkboot.JkbootException;
import dev.jkboot.zfs.checksum.BlockCheck;
import dev.jkboot.zfs.checksum.ChecksumSalt;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.ChecksumValue;
import dev.jkboot.zfs.checksum.Checksums;
import dev.jkboot.zfs.checksum.EmbeddedChecksum;
import dev.jkboot.zfs.compress.CompressionType;
import dev.jkboot.zfs.compress.Decompression;
import dev.jkboot.zfs.vdev.Vdev;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the logical bytes of a block pointer, as zio_read in FreeBSD's loader does
 * (stand/libsa/zfs/zfsimpl.c): a hole is zeros, an embedded pointer decodes its own payload,
 * otherwise each valid DVA is tried in turn (a gang DVA through its gang header and members),
 * the checksum is verified on every copy through {@link Checksums}, and the block is decompressed
 * to its logical size. A copy that fails falls back to the next; when none is good, one
 * {@link ZfsException} lists why each failed.
 *
 * <p>The last {@value #CACHE_BLOCKS} metadata blocks (indirect blocks, dnode blocks, ZAP blocks)
 * are kept, so walking a directory or streaming a file does not read its indirect blocks again;
 * file data is never kept.
 */
final class BlockReader {
    /** SPA_MAXBLOCKSIZE: no block, logical or physical, is larger. */
    static final int MAX_BLOCK = 16 << 20;
    /** SPA_GANGBLOCKSIZE. */
    static final int GANG_HEADER = 512;
    /** Gang members of gang members: ZFS nests them rarely and never this deep. */
    static final int MAX_GANG_DEPTH = 4;
    private static final int CACHE_BLOCKS = 64;
    private static final String FIX = "the pool is damaged; scrub it on FreeBSD, or boot from another pool";

    private final Map<Long, Vdev> topLevel;
    private final String pool;
    private ChecksumSalt salt;
    private final Map<BlockPointer, byte[]> cache = new LinkedHashMap<>(CACHE_BLOCKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BlockPointer, byte[]> eldest) {
            return size() > CACHE_BLOCKS;
        }
    };

    BlockReader(String pool, Map<Long, Vdev> topLevel) {
        this.pool = pool;
        this.topLevel = Map.copyOf(topLevel);
    }

    /** The pool's salt for skein, edonr and blake3, once the object directory has been read. */
    void salt(ChecksumSalt salt) {
        this.salt = salt;
    }

    /** The block's logical bytes; {@code what} names it in messages. Metadata blocks are cached. */
    byte[] read(BlockPointer bp, String what) throws ZfsException {
        boolean metadata = bp.level() > 0 || bp.type() != DnodeType.PLAIN_FILE_CONTENTS;
        if (metadata) {
            byte[] hit = cache.get(bp);
            if (hit != null) {
                return hit;
            }
        }
        byte[] out = read(bp, what, 0);
        if (metadata && !bp.hole()) {
            cache.put(bp, out);
        }
        return out;
    }

    private byte[] read(BlockPointer bp, String what, int gangDepth) throws ZfsException {
        int lsize = bp.logicalSize();
        if (lsize > MAX_BLOCK) {
            throw damaged(what, "%s claims %d bytes, more than ZFS's largest block (%d)".formatted(bp, lsize, MAX_BLOCK));
        }
        if (bp.hole()) {
            return new byte[lsize];
        }
        if (bp.byteOrder() != ByteOrder.LITTLE_ENDIAN && bp.type() != DnodeType.PLAIN_FILE_CONTENTS) {
            throw new ZfsException("%s: %s: %s holds metadata written big-endian".formatted(pool, what, bp),
                    "jkboot reads only little-endian ZFS metadata (pools written on arm64, amd64 and other little-endian "
                            + "machines); boot this pool with FreeBSD's loader");
        }
        CompressionType compression = compression(bp, what);
        if (bp.embedded()) {
            if (bp.embeddedType() != 0) {
                throw new ZfsException("%s: %s: embedded block pointer of type %d, not data"
                        .formatted(pool, what, bp.embeddedType()),
                        "jkboot reads only embedded data blocks (feature com.delphix:embedded_data)");
            }
            try {
                return decompress(compression, ByteBuffer.wrap(bp.embeddedPayload()), lsize, bp);
            } catch (ZfsException e) {
                throw ZfsException.in(pool + ": " + what + " (embedded in its block pointer)", e);
            }
        }
        int psize = bp.physicalSize();
        if (psize > MAX_BLOCK) {
            throw damaged(what, "%s claims a physical size of %d bytes".formatted(bp, psize));
        }
        BlockCheck check = check(bp, what);
        List<String> failures = new ArrayList<>();
        for (BlockPointer.Dva dva : bp.dvas()) {
            if (!dva.valid()) {
                continue;
            }
            try {
                ByteBuffer physical = dva.gang() ? gang(bp, dva, psize, check, what, gangDepth)
                        : vdev(dva).read(dva.offset(), psize, check);
                return decompress(compression, physical, lsize, bp);
            } catch (JkbootException e) {
                failures.add("copy at %d:%x: %s".formatted(dva.vdev(), dva.offset(), e.getMessage()));
            }
        }
        if (failures.isEmpty()) {
            throw damaged(what, bp + " has no valid copy (DVA)");
        }
        throw new ZfsException("%s: cannot read %s: every copy failed: %s".formatted(pool, what, String.join("; ", failures)),
                "the pool is damaged beyond its redundancy, or a member disk is missing; scrub it on FreeBSD");
    }

    /** A gang block: its header (checked by its embedded checksum), then its members in order. */
    private ByteBuffer gang(BlockPointer bp, BlockPointer.Dva dva, int psize, BlockCheck check, String what, int depth)
            throws JkbootException {
        if (depth >= MAX_GANG_DEPTH) {
            throw damaged(what, "gang blocks nest more than %d deep".formatted(MAX_GANG_DEPTH));
        }
        BlockPointer.Dva identity = bp.dva(0);
        ChecksumValue verifier = ChecksumValue.gangVerifier(identity.vdev(), identity.offset(), bp.birth());
        ByteBuffer header = vdev(dva).read(dva.offset(), GANG_HEADER,
                block -> EmbeddedChecksum.verify(ChecksumType.GANG_HEADER, block, verifier));
        byte[] headerBytes = new byte[GANG_HEADER];
        header.duplicate().get(headerBytes);
        byte[] data = new byte[psize];
        int filled = 0;
        for (int i = 0; i < 3 && filled < psize; i++) {
            BlockPointer member = BlockPointer.parse(headerBytes, i * BlockPointer.SIZE);
            if (member.hole()) {
                continue;
            }
            byte[] part = read(member, what + " (gang member " + i + ")", depth + 1);
            if (part.length > psize - filled) {
                throw damaged(what, "gang members hold more than the block's %d bytes".formatted(psize));
            }
            System.arraycopy(part, 0, data, filled, part.length);
            filled += part.length;
        }
        if (filled != psize) {
            throw damaged(what, "gang members hold %d of the block's %d bytes".formatted(filled, psize));
        }
        ByteBuffer whole = ByteBuffer.wrap(data);
        check.verify(whole.duplicate());
        return whole;
    }

    private Vdev vdev(BlockPointer.Dva dva) throws ZfsException {
        Vdev v = topLevel.get(dva.vdev());
        if (v == null) {
            throw new ZfsException("%s: top-level vdev %d is not among the members found".formatted(pool, dva.vdev()),
                    "attach every disk of the pool");
        }
        return v;
    }

    private BlockCheck check(BlockPointer bp, String what) throws ZfsException {
        try {
            ChecksumType type = ChecksumType.fromId(bp.checksum());
            return Checksums.verifier(type, bp.byteOrder(), salt, bp.checksumValue());
        } catch (JkbootException e) {
            throw ZfsException.in(pool + ": " + what, e);
        }
    }

    private CompressionType compression(BlockPointer bp, String what) throws ZfsException {
        try {
            return CompressionType.fromId(bp.compression());
        } catch (JkbootException e) {
            throw ZfsException.in(pool + ": " + what, e);
        }
    }

    /** The logical bytes of a verified physical block; the caller adds where it was read. */
    private static byte[] decompress(CompressionType type, ByteBuffer physical, int lsize, BlockPointer bp)
            throws ZfsException {
        byte[] out = new byte[lsize];
        if (type == CompressionType.EMPTY) {
            return out;
        }
        if (type == CompressionType.OFF || type == CompressionType.INHERIT || type == CompressionType.ON) {
            // stored as is; a physical size above the logical one is padding
            if (physical.remaining() < lsize) {
                throw new ZfsException("%s is uncompressed but shorter than its logical size".formatted(bp), FIX);
            }
            physical.duplicate().get(out);
            return out;
        }
        try {
            Decompression.decompress(type, physical, out);
        } catch (JkbootException e) {
            throw new ZfsException(e.getMessage(), e.fix(), e);
        }
        return out;
    }

    private ZfsException damaged(String what, String problem) {
        return new ZfsException("%s: %s: %s".formatted(pool, what, problem), FIX);
    }
}
