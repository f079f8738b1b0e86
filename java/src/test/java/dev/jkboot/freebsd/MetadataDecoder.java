package dev.jkboot.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only reader of metadata blocks, written from the kernel's point of view
 * (sys/kern/subr_module.c) and independently of the encoder, so encoder bugs can't hide behind a
 * shared mistake: records are walked with the kernel's own skip rule, roundup(8 + size, 8), until
 * a record whose type and size are both zero.
 */
final class MetadataDecoder {
    record Rec(int type, byte[] data) {
        long u64() {
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        int u32() {
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        String string() {
            if (data.length == 0 || data[data.length - 1] != 0) {
                throw new AssertionError("string record " + Integer.toHexString(type) + " not NUL-terminated");
            }
            return new String(data, 0, data.length - 1, StandardCharsets.UTF_8);
        }
    }

    /** One file: its records from NAME up to (not including) the next NAME. */
    record File(List<Rec> records) {
        Rec find(int type) {
            return records.stream().filter(r -> r.type == type).findFirst()
                    .orElseThrow(() -> new AssertionError("no record 0x" + Integer.toHexString(type)));
        }

        boolean has(int type) {
            return records.stream().anyMatch(r -> r.type == type);
        }
    }

    static List<File> decode(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        List<File> files = new ArrayList<>();
        List<Rec> current = null;
        int p = 0;
        while (true) {
            int type = b.getInt(p);
            int size = b.getInt(p + 4);
            if (type == 0 && size == 0) {
                break;
            }
            byte[] data = Arrays.copyOfRange(block, p + 8, p + 8 + size);
            for (int i = p + 8 + size; i < p + ((8 + size + 7) & ~7); i++) {
                if (block[i] != 0) {
                    throw new AssertionError("non-zero padding at " + i);
                }
            }
            if (type == 1) {
                current = new ArrayList<>();
                files.add(new File(current));
            } else if (current == null) {
                throw new AssertionError("first record is not MODINFO_NAME but 0x" + Integer.toHexString(type));
            }
            current.add(new Rec(type, data));
            p += (8 + size + 7) & ~7;
        }
        if (p + 8 != block.length) {
            throw new AssertionError("END at " + p + " but block is " + block.length + " bytes");
        }
        return files;
    }
}
