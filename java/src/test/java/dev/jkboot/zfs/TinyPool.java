package dev.jkboot.zfs;

import dev.jkboot.disk.BlockDevice;
import dev.jkboot.disk.DiskException;
import dev.jkboot.zfs.checksum.ChecksumType;
import dev.jkboot.zfs.checksum.Checksums;
import dev.jkboot.zfs.checksum.ChecksumValue;
import dev.jkboot.zfs.nvlist.NvList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our own minimal pool writer (not an independent tool), for what zfs-fuse cannot write: a
 * version-5000 pool with MOS features_for_read, system-attribute znodes (registry, and layouts in
 * a fat ZAP), a large dnode, lz4-compressed data, an embedded-data block pointer and a gang block.
 * One disk vdev, ashift 9, every block uncompressed unless said and checksummed with fletcher4;
 * layouts follow spa.h, dnode.h, zap_impl.h, zap_leaf.h, sa_impl.h and vdev_impl.h.
 */
final class TinyPool {
    static final long SIZE = 8L << 20;
    static final long DATA_START = 4L << 20;
    static final long TXG = 9;
    static final long POOL_GUID = 0x1111222233334444L;
    static final long VDEV_GUID = 0x5555666677778888L;
    static final byte[] KERNEL = text("kernel ", 40_000);
    static final byte[] GANG = text("gang ", 3000);
    static final String EMBEDDED = "small enough to live in its block pointer\n";

    private final byte[] image = new byte[(int) SIZE];
    private long next = 0; // allocation cursor, bytes from DATA_START

    static byte[] text(String word, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i % 61 == 60 ? '\n' : word.charAt(i % word.length()));
        }
        return out;
    }

    /** The pool's only member, as a device. */
    static BlockDevice build(List<String> features) throws Exception {
        return new TinyPool().write(features);
    }

    private BlockDevice write(List<String> features) throws Exception {
        // the dataset's ZPL object set
        byte[][] zpl = new byte[32][];
        zpl[1] = dnode(21, micro(Map.of("ROOT", 2L, "VERSION", 5L, "SA_ATTRS", 3L)), 0, new byte[0], 0);
        zpl[3] = dnode(45, micro(Map.of("REGISTRY", 4L, "LAYOUTS", 5L)), 0, new byte[0], 0);
        zpl[4] = dnode(46, micro(Map.of("ZPL_MODE", 5L | 8L << 24, "ZPL_SIZE", 6L | 8L << 24, "ZPL_SYMLINK", 17L)),
                0, new byte[0], 0);
        zpl[5] = dnode(47, fatLayouts(), 0, new byte[0], 1);
        zpl[2] = dnode(20, micro(Map.of("kernel", 10L | 8L << 60, "link", 6L | 10L << 60,
                "embedded.txt", 7L | 8L << 60, "gang.bin", 8L | 8L << 60)), 44, sa(040755, 6, null), 0);
        zpl[6] = dnode(19, new BlockPointer[] {hole(512)}, 44, sa(0120777, 6, "kernel".getBytes()), 0);
        zpl[7] = dnode(19, new BlockPointer[] {embedded(EMBEDDED.getBytes())}, 44, sa(0100644, EMBEDDED.length(), null), 0);
        zpl[8] = dnode(19, new BlockPointer[] {gang(GANG)}, 44, sa(0100644, GANG.length, null), 0);
        // object 10 is a large dnode (two slots: 10 and 11) whose data is lz4-compressed
        zpl[10] = dnode(19, new BlockPointer[] {block(KERNEL, 19, 15)}, 44, sa(0100644, KERNEL.length, null), 1);
        BlockPointer zplSet = objset(zpl, 2);
        // the MOS
        byte[][] mos = new byte[32][];
        Map<String, Long> features4read = new LinkedHashMap<>();
        for (String f : features) {
            features4read.put(f, 1L);
        }
        mos[1] = dnode(1, micro(Map.of("root_dataset", 3L, "features_for_read", 2L, "pool_props", 6L)), 0, new byte[0], 0);
        mos[2] = dnode(0xC4, micro(features4read), 0, new byte[0], 0);
        mos[3] = dnode(12, micro(Map.of()), 12, dslDir(4, 0, 5), 0);
        mos[4] = dnode(16, micro(Map.of()), 16, dataset(3, zplSet), 0);
        mos[5] = dnode(13, micro(Map.of()), 0, new byte[0], 0);
        mos[6] = dnode(31, micro(Map.of("bootfs", 4L)), 0, new byte[0], 0);
        BlockPointer mosSet = objset(mos, 1);
        for (int l = 0; l < 4; l++) {
            label(Label.offset(SIZE, l), mosSet);
        }
        return new Device(image);
    }

    // ---- blocks

    private BlockPointer block(byte[] logical, int type, int compression) throws Exception {
        int lsize = round(logical.length);
        byte[] physical = compression == 15 ? lz4(Arrays.copyOf(logical, lsize)) : logical;
        int psize = round(physical.length);
        long at = allocate(psize);
        System.arraycopy(physical, 0, image, (int) (DATA_START + at), physical.length);
        ChecksumValue sum = Checksums.compute(ChecksumType.FLETCHER_4,
                ByteBuffer.wrap(image, (int) (DATA_START + at), psize).slice(), ByteOrder.LITTLE_ENDIAN, null);
        return bp(at, psize, lsize, psize, type, compression, sum, false);
    }

    private static BlockPointer bp(long at, int asize, int lsize, int psize, int type, int compression,
            ChecksumValue sum, boolean gang) {
        long[] w = new long[16];
        w[0] = asize >>> 9;
        w[1] = (at >>> 9) | (gang ? 1L << 63 : 0);
        w[6] = (1L << 63) | ((long) type << 48) | (7L << 40) | ((long) compression << 32)
                | ((long) (psize / 512 - 1) << 16) | (lsize / 512 - 1);
        w[10] = TXG;
        w[11] = 1;
        w[12] = sum.word0();
        w[13] = sum.word1();
        w[14] = sum.word2();
        w[15] = sum.word3();
        return new BlockPointer(w);
    }

    private static BlockPointer hole(int lsize) {
        long[] w = new long[16];
        w[6] = (1L << 63) | (19L << 48) | (lsize / 512 - 1);
        return new BlockPointer(w);
    }

    /** A 512-byte block holding {@code data}, gzip-compressed (java.util.zip) into its block pointer. */
    private static BlockPointer embedded(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6);
        deflater.setInput(Arrays.copyOf(data, 512));
        deflater.finish();
        byte[] compressed = new byte[112];
        int length = deflater.deflate(compressed);
        if (!deflater.finished()) {
            throw new IllegalArgumentException("does not fit an embedded block pointer");
        }
        long[] w = new long[16];
        ByteBuffer p = ByteBuffer.wrap(compressed).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            if (i != 6 && i != 10) {
                w[i] = p.getLong();
            }
        }
        w[6] = (1L << 63) | (19L << 48) | (1L << 39) | (10L << 32) | ((long) (length - 1) << 25) | (512 - 1);
        w[10] = TXG;
        return new BlockPointer(w);
    }

    /** A gang block of {@code data} (two uncompressed members) behind a 512-byte gang header. */
    private BlockPointer gang(byte[] data) throws Exception {
        int psize = round(data.length);
        byte[] padded = Arrays.copyOf(data, psize);
        int half = psize / 2 / 512 * 512;
        BlockPointer a = block(Arrays.copyOfRange(padded, 0, half), 19, 2);
        BlockPointer b = block(Arrays.copyOfRange(padded, half, psize), 19, 2);
        long headerAt = allocate(512);
        ChecksumValue sum = Checksums.compute(ChecksumType.FLETCHER_4, ByteBuffer.wrap(padded), ByteOrder.LITTLE_ENDIAN, null);
        BlockPointer gang = bp(headerAt, 512, psize, psize, 19, 2, sum, true);
        byte[] header = new byte[512];
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            h.putLong(i * 8, a.words()[i]);
            h.putLong(128 + i * 8, b.words()[i]);
        }
        seal(header, new long[] {0, headerAt, TXG, 0}); // zio_checksum_gang_verifier: vdev, offset, birth
        System.arraycopy(header, 0, image, (int) (DATA_START + headerAt), 512);
        return gang;
    }

    /** ZFS's lz4 block: a big-endian length, then one lz4 sequence of literals only. */
    private static byte[] lz4(byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xF0);
        int rest = data.length - 15;
        while (rest >= 255) {
            out.write(255);
            rest -= 255;
        }
        out.write(rest);
        out.writeBytes(data);
        byte[] block = out.toByteArray();
        return ByteBuffer.allocate(4 + block.length).putInt(block.length).put(block).array();
    }

    private long allocate(int bytes) {
        long at = next;
        next += round(bytes);
        return at;
    }

    private static int round(int n) {
        return (n + 511) / 512 * 512;
    }

    // ---- objects

    private BlockPointer[] micro(Map<String, Long> entries) throws Exception {
        byte[] b = new byte[512 * 8];
        ByteBuffer z = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        z.putLong(0, Zap.ZBT_MICRO);
        int i = 1;
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            z.putLong(i * 64, e.getValue());
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            System.arraycopy(name, 0, b, i * 64 + 14, name.length);
            i++;
        }
        return new BlockPointer[] {block(b, 0, 2)};
    }

    /** The SA layouts as a fat ZAP (their values are uint16 arrays): layout 2 = mode, size, symlink; 3 = mode, size. */
    private BlockPointer[] fatLayouts() throws Exception {
        int bs = 16 << 10;
        byte[] header = new byte[bs];
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(0, Zap.ZBT_HEADER).putLong(8, Zap.ZAP_MAGIC).putLong(32, 13).putLong(56, 2).putLong(64, 1).putLong(72, 2);
        byte[] leaf = new byte[bs];
        ByteBuffer l = ByteBuffer.wrap(leaf).order(ByteOrder.LITTLE_ENDIAN);
        l.putLong(0, Zap.ZBT_LEAF).putInt(24, Zap.ZAP_LEAF_MAGIC);
        int chunkStart = 48 + 2 * (1 << (14 - 5));
        entry(leaf, chunkStart, 0, "2", new int[] {5, 6, 17});
        entry(leaf, chunkStart, 3, "3", new int[] {5, 6});
        return new BlockPointer[] {block(header, 0, 2), block(leaf, 0, 2)};
    }

    /** An entry chunk at {@code chunk}, its name in chunk+1 and its uint16 values in chunk+2. */
    private static void entry(byte[] leaf, int chunkStart, int chunk, String name, int[] values) {
        ByteBuffer e = ByteBuffer.wrap(leaf).order(ByteOrder.LITTLE_ENDIAN);
        int at = chunkStart + chunk * 24;
        leaf[at] = (byte) 252;
        leaf[at + 1] = 2;
        e.putShort(at + 2, (short) 0xffff).putShort(at + 4, (short) (chunk + 1)).putShort(at + 6, (short) (name.length() + 1))
                .putShort(at + 8, (short) (chunk + 2)).putShort(at + 10, (short) values.length);
        int n = at + 24;
        leaf[n] = (byte) 251;
        System.arraycopy(name.getBytes(), 0, leaf, n + 1, name.length());
        e.putShort(n + 22, (short) 0xffff);
        int v = at + 48;
        leaf[v] = (byte) 251;
        for (int i = 0; i < values.length; i++) {
            leaf[v + 1 + 2 * i] = (byte) (values[i] >> 8);
            leaf[v + 2 + 2 * i] = (byte) values[i];
        }
        e.putShort(v + 22, (short) 0xffff);
    }

    private static byte[] sa(long mode, long size, byte[] symlink) {
        ByteBuffer b = ByteBuffer.allocate(24 + (symlink == null ? 0 : (symlink.length + 7) / 8 * 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x2F505A).putShort((short) ((symlink == null ? 3 : 2) | 1 << 10)).putShort((short) (symlink == null ? 0 : symlink.length));
        b.putLong(mode).putLong(size);
        if (symlink != null) {
            b.put(symlink);
        }
        return b.array();
    }

    private static byte[] dslDir(long head, long parent, long children) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(8, head).putLong(16, parent).putLong(32, children);
        return b.array();
    }

    private static byte[] dataset(long dir, BlockPointer bp) {
        ByteBuffer b = ByteBuffer.allocate(320).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dir);
        for (int i = 0; i < 16; i++) {
            b.putLong(128 + i * 8, bp.words()[i]);
        }
        return b.array();
    }

    /** A dnode of {@code extraSlots + 1} slots over its block pointers, with a bonus buffer. */
    private static byte[] dnode(int type, BlockPointer[] bps, int bonusType, byte[] bonus, int extraSlots) {
        byte[] d = new byte[512 * (extraSlots + 1)];
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        int blockSize = bps[0].embedded() ? 512 : bps[0].logicalSize();
        d[0] = (byte) type;
        d[1] = 14;
        d[2] = 1;
        d[3] = (byte) bps.length;
        d[4] = (byte) bonusType;
        b.putShort(8, (short) (blockSize / 512)).putShort(10, (short) bonus.length);
        d[12] = (byte) extraSlots;
        b.putLong(16, bps.length - 1);
        for (int i = 0; i < bps.length; i++) {
            for (int w = 0; w < 16; w++) {
                b.putLong(64 + i * 128 + w * 8, bps[i].words()[w]);
            }
        }
        System.arraycopy(bonus, 0, d, 64 + bps.length * 128, bonus.length);
        return d;
    }

    /** An object set of type {@code type} whose meta-dnode holds {@code dnodes} (index = object). */
    private BlockPointer objset(byte[][] dnodes, int type) throws Exception {
        byte[] array = new byte[512 * dnodes.length];
        for (int i = 0; i < dnodes.length; i++) {
            if (dnodes[i] != null) {
                System.arraycopy(dnodes[i], 0, array, i * 512, dnodes[i].length);
            }
        }
        byte[] os = new byte[2048];
        System.arraycopy(dnode(10, new BlockPointer[] {block(array, 10, 2)}, 0, new byte[0], 0), 0, os, 0, 512);
        ByteBuffer.wrap(os).order(ByteOrder.LITTLE_ENDIAN).putLong(704, type);
        return block(os, 11, 2);
    }

    // ---- labels

    private void label(long at, BlockPointer mos) throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("type", "disk");
        tree.put("id", 0L);
        tree.put("guid", VDEV_GUID);
        tree.put("path", "/dev/tiny");
        tree.put("ashift", 9L);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("version", 5000L);
        config.put("name", "tiny");
        config.put("txg", TXG);
        config.put("pool_guid", POOL_GUID);
        config.put("guid", VDEV_GUID);
        config.put("vdev_children", 1L);
        config.put("vdev_tree", NvList.of(tree));
        config.put("features_for_read", NvList.of(Map.of()));
        byte[] nv = new byte[112 << 10];
        nv[0] = 1;
        nv[1] = 1;
        byte[] encoded = LabelWriter.encode(config);
        System.arraycopy(encoded, 0, nv, 4, encoded.length);
        seal(nv, new long[] {at + (16 << 10), 0, 0, 0});
        System.arraycopy(nv, 0, image, (int) (at + (16 << 10)), nv.length);
        byte[] ub = new byte[1024];
        ByteBuffer u = ByteBuffer.wrap(ub).order(ByteOrder.LITTLE_ENDIAN);
        u.putLong(0, Uberblock.MAGIC).putLong(8, 5000).putLong(16, TXG).putLong(24, POOL_GUID + VDEV_GUID).putLong(32, 1_700_000_000L);
        for (int i = 0; i < 16; i++) {
            u.putLong(40 + i * 8, mos.words()[i]);
        }
        long slot = at + (128 << 10) + 3 * 1024L;
        seal(ub, new long[] {slot, 0, 0, 0});
        System.arraycopy(ub, 0, image, (int) slot, ub.length);
    }

    /** Writes the zio_eck_t tail: the magic, then SHA-256 of the block with {@code verifier} in its place. */
    static void seal(byte[] block, long[] verifier) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        int tail = block.length - 40;
        b.putLong(tail, 0x210da7ab10c7a11L);
        for (int i = 0; i < 4; i++) {
            b.putLong(tail + 8 + 8 * i, verifier[i]);
        }
        ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(block));
        for (int i = 0; i < 4; i++) {
            b.putLong(tail + 8 + 8 * i, digest.getLong(8 * i));
        }
    }

    /** The image as a read-only device. */
    private static final class Device implements BlockDevice {
        private final byte[] bytes;

        Device(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String name() {
            return "tiny.img";
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int sectorSize() {
            return 512;
        }

        @Override
        public byte[] read(long offset, int length) throws DiskException {
            if (offset < 0 || length < 0 || offset > bytes.length - length) {
                throw new DiskException("read outside tiny.img", "");
            }
            return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
        }

        @Override
        public void close() {}
    }
}
