package dev.jkboot.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One metadata record ({@code u32 type, u32 size, data}) before encoding. Immutable: the data
 * array is copied in and out.
 */
public record MetadataRecord(int type, byte[] data) {

    public MetadataRecord {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }

    /** A NUL-terminated string, as NAME, TYPE and ARGS are stored (size counts the NUL). */
    public static MetadataRecord string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return new MetadataRecord(type, Arrays.copyOf(s, s.length + 1));
    }

    /** A 64-bit little-endian value: addresses, sizes, pointers. */
    public static MetadataRecord u64(int type, long value) {
        return new MetadataRecord(type,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    /** A C {@code int}, as HOWTO is stored. */
    public static MetadataRecord u32(int type, int value) {
        return new MetadataRecord(type,
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetadataRecord r && r.type == type && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "%s[%d bytes]".formatted(ModInfo.name(type), data.length);
    }
}
