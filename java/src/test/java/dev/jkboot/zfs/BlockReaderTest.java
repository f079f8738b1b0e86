package dev.jkboot.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Block pointers laid out by hand from spa.h's bit fields (zfs-fuse writes no embedded-data
 * pointer: these are our own), read without any vdev: holes, embedded data plain and
 * gzip-compressed (by java.util.zip), and refusals.
 */
class BlockReaderTest {
    private static final BlockReader NO_VDEVS = new BlockReader("test", Map.of());

    /** An embedded-data pointer holding {@code payload}, {@code lsize} bytes once decompressed. */
    private static BlockPointer embedded(byte[] payload, int lsize, int compression) {
        long[] w = new long[16];
        ByteBuffer p = ByteBuffer.wrap(Arrays.copyOf(payload, 112)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            if (i != 6 && i != 10) {
                w[i] = p.getLong();
            }
        }
        w[6] = (1L << 63) | (19L << 48) | (1L << 39) | ((long) compression << 32)
                | ((long) (payload.length - 1) << 25) | (lsize - 1);
        w[10] = 5; // birth
        return new BlockPointer(w);
    }

    @Test
    void embeddedDataUncompressed() throws Exception {
        byte[] data = "an embedded block: data lives in the pointer itself".getBytes();
        BlockPointer bp = embedded(data, data.length, 2);
        assertTrue(bp.embedded());
        assertEquals(data.length, bp.logicalSize());
        assertArrayEquals(data, NO_VDEVS.read(bp, "test block"));
    }

    @Test
    void embeddedDataGzipped() throws Exception {
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 'z');
        Deflater deflater = new Deflater(6);
        deflater.setInput(data);
        deflater.finish();
        byte[] compressed = new byte[112];
        int n = deflater.deflate(compressed);
        assertTrue(deflater.finished() && n < 112);
        BlockPointer bp = embedded(Arrays.copyOf(compressed, n), data.length, 10); // gzip-6
        assertArrayEquals(data, NO_VDEVS.read(bp, "test block"));
    }

    @Test
    void holeReadsAsZeros() throws Exception {
        long[] w = new long[16];
        w[6] = (1L << 63) | (19L << 48) | (2L << 32) | (7L << 16) | 7; // 4 KiB, no DVA
        BlockPointer bp = new BlockPointer(w);
        assertTrue(bp.hole());
        assertArrayEquals(new byte[4096], NO_VDEVS.read(bp, "hole"));
    }

    @Test
    void fieldsDecodeAsSpaHDefinesThem() {
        long[] w = new long[16];
        w[0] = (3L << 32) | 24; // vdev 3, asize 24 sectors
        w[1] = (1L << 63) | 0x1234; // gang, offset 0x1234 sectors
        w[6] = (1L << 63) | (2L << 56) | (20L << 48) | (8L << 40) | (15L << 32) | (3L << 16) | 255;
        BlockPointer bp = new BlockPointer(w);
        BlockPointer.Dva d = bp.dvas().get(0);
        assertEquals(3, d.vdev());
        assertEquals(0x1234L << 9, d.offset());
        assertEquals(24 << 9, d.asize());
        assertTrue(d.gang());
        assertEquals(2, bp.level());
        assertEquals(20, bp.type());
        assertEquals(8, bp.checksum());
        assertEquals(15, bp.compression());
        assertEquals(4 << 9, bp.physicalSize());
        assertEquals(256 << 9, bp.logicalSize());
        assertEquals(ByteOrder.LITTLE_ENDIAN, bp.byteOrder());
    }

    @Test
    void blocksOnMissingVdevsAndUnknownTypesAreRefused() {
        long[] w = new long[16];
        w[0] = (0L << 32) | 8;
        w[1] = 100;
        w[6] = (1L << 63) | (19L << 48) | (7L << 40) | (2L << 32) | (7L << 16) | 7;
        ZfsException e = assertThrows(ZfsException.class, () -> NO_VDEVS.read(new BlockPointer(w), "/boot/x"));
        assertTrue(e.getMessage().contains("top-level vdev 0 is not among the members"), e.getMessage());
        long[] v = w.clone();
        v[6] = (1L << 63) | (19L << 48) | (7L << 40) | (99L << 32) | (7L << 16) | 7;
        ZfsException c = assertThrows(ZfsException.class, () -> NO_VDEVS.read(new BlockPointer(v), "/boot/y"));
        assertTrue(c.getMessage().contains("compression id 99"), c.getMessage());
        BlockPointer other = embedded(new byte[8], 8, 2);
        other.words()[6] |= 1L << 40; // embedded type 1: not data
        ZfsException t = assertThrows(ZfsException.class, () -> NO_VDEVS.read(other, "/boot/z"));
        assertTrue(t.getMessage().contains("embedded block pointer of type 1"), t.getMessage());
    }

    @Test
    void bigEndianMetadataIsRefused() {
        BlockPointer bp = embedded(new byte[8], 8, 2);
        bp.words()[6] &= ~(1L << 63); // byte order: big-endian
        bp.words()[6] = (bp.words()[6] & ~(0xffL << 48)) | (20L << 48); // a directory
        ZfsException e = assertThrows(ZfsException.class, () -> NO_VDEVS.read(bp, "/boot"));
        assertTrue(e.getMessage().contains("metadata written big-endian"), e.getMessage());
    }

    @Test
    void systemAttributesByRegistryAndLayout() throws Exception {
        // ZPL's usual numbering: mode 5 and size 6 fixed at 8 bytes, symlink 17 variable
        SystemAttributes sa = SystemAttributes.of(
                Map.of("ZPL_MODE", new int[] {5, 8}, "ZPL_SIZE", new int[] {6, 8}, "ZPL_SYMLINK", new int[] {17, 0}),
                Map.of(3, new int[] {6, 5, 17}));
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x2F505A).putShort((short) (3 | (1 << 10))).putShort((short) 6); // 8-byte header, one length
        b.putLong(6).putLong(0120777).put("target".getBytes());
        byte[] buffer = b.array();
        assertEquals(6, ByteBuffer.wrap(sa.find(buffer, "ZPL_SIZE", "t").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(0120777, ByteBuffer.wrap(sa.find(buffer, "ZPL_MODE", "t").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertArrayEquals("target".getBytes(), sa.find(buffer, "ZPL_SYMLINK", "t").orElseThrow());
        buffer[5] = 2 << 2; // a 16-byte header where layout 3 needs 8
        ZfsException e = assertThrows(ZfsException.class, () -> sa.find(buffer, "ZPL_SIZE", "t"));
        assertTrue(e.getMessage().contains("header of 16 bytes"), e.getMessage());
    }
}
