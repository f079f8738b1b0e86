package dev.jkboot.zfs.nvlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.zfs.ZfsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XDR nvlists spelled out by hand from libnvpair's encoding (nvs_xdr_* in nvpair.c). */
class XdrNvListTest {

    /** Big-endian 32-bit words and raw bytes, for writing golden streams by hand. */
    private static final class Words {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Words i(int... values) {
            for (int v : values) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            }
            return this;
        }

        Words s(String text) {
            byte[] b = text.getBytes();
            i(b.length);
            out.writeBytes(b);
            out.writeBytes(new byte[(4 - b.length % 4) % 4]);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] golden() {
        return new Words()
                .i(0x01010000) // XDR, little-endian host, reserved
                .i(0, 1) // version, NV_UNIQUE_NAME
                .i(28, 0).s("name").i(9, 1).s("zroot") // pair sizes are read but only used to skip unknown types
                .i(32, 0).s("txg").i(8, 1).i(0, 0x40) // uint64 64
                .i(24, 0).s("ok").i(1, 0) // a boolean: no value
                .i(1, 1).s("vdev_tree").i(19, 1) // nested nvlist
                .i(0, 1)
                .i(1, 1).s("guid").i(8, 1).i(0x12345678, 0x9abcdef0)
                .i(1, 1).s("children").i(20, 2) // two nvlists
                .i(0, 1).i(1, 1).s("id").i(8, 1).i(0, 1).i(0, 0)
                .i(0, 1).i(1, 1).s("id").i(8, 1).i(0, 0).i(0, 0)
                .i(0, 0) // end of vdev_tree
                .i(1, 1).s("blob").i(10, 3).i(0x01020300) // byte array of 3, padded
                .i(1, 1).s("u64s").i(16, 2).i(2).i(0, 7).i(-1, -1)
                .i(0, 0) // end
                .bytes();
    }

    @Test
    void decodesEveryTypeALabelUses() throws Exception {
        byte[] bytes = golden();
        NvList nv = XdrNvList.decode(bytes, 0, bytes.length, "golden");
        assertEquals("zroot", nv.requireString("name"));
        assertEquals(64, nv.requireNumber("txg"));
        assertEquals(Boolean.TRUE, nv.asMap().get("ok"));
        NvList tree = nv.requireList("vdev_tree");
        assertEquals(0x123456789abcdef0L, tree.requireNumber("guid"));
        List<NvList> children = tree.lists("children");
        assertEquals(2, children.size());
        assertEquals(1, children.get(0).requireNumber("id"));
        assertEquals(0, children.get(1).requireNumber("id"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) nv.asMap().get("blob"));
        assertArrayEquals(new long[] {7, -1}, (long[]) nv.asMap().get("u64s"));
    }

    @Test
    void wrongTypeIsRefusedByName() throws Exception {
        byte[] bytes = golden();
        NvList nv = XdrNvList.decode(bytes, 0, bytes.length, "golden");
        ZfsException e = assertThrows(ZfsException.class, () -> nv.requireNumber("name"));
        assertTrue(e.getMessage().contains("\"name\" is not Long"), e.getMessage());
        assertThrows(ZfsException.class, () -> nv.requireString("missing"));
    }

    @Test
    void everyTruncationIsAClearError() {
        byte[] bytes = golden();
        for (int length = 0; length < bytes.length - 8; length++) {
            int cut = length;
            ZfsException e = assertThrows(ZfsException.class, () -> XdrNvList.decode(bytes, 0, cut, "cut"));
            assertTrue(e.getMessage().startsWith("cut: "), e.getMessage());
        }
    }

    @Test
    void nativeEncodingAndHugeCountsAreRefused() {
        byte[] nativeEncoded = golden();
        nativeEncoded[0] = 0;
        ZfsException e = assertThrows(ZfsException.class, () -> XdrNvList.decode(nativeEncoded, 0, nativeEncoded.length, "n"));
        assertTrue(e.getMessage().contains("not XDR"), e.getMessage());
        byte[] huge = new Words().i(0x01010000).i(0, 1).i(1, 1).s("a").i(16, 0x7fffffff).i(0x7fffffff).bytes();
        ZfsException h = assertThrows(ZfsException.class, () -> XdrNvList.decode(huge, 0, huge.length, "h"));
        assertTrue(h.getMessage().contains("past its end"), h.getMessage());
    }

    @Test
    void nestingIsBounded() {
        Words w = new Words().i(0x01010000).i(0, 1);
        for (int i = 0; i < 40; i++) {
            w.i(1, 1).s("n").i(19, 1).i(0, 1);
        }
        byte[] deep = w.bytes();
        ZfsException e = assertThrows(ZfsException.class, () -> XdrNvList.decode(deep, 0, deep.length, "deep"));
        assertTrue(e.getMessage().contains("more than 16 deep"), e.getMessage());
    }
}
