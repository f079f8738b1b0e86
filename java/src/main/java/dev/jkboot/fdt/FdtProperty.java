package dev.jkboot.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One device-tree property: a name and its raw big-endian value, with typed readings of it.
 *
 * <p>The typed readings check the value's length and shape and throw {@link FdtException} naming
 * the property when it does not fit; they never guess. The value is copied in and out, so a
 * property is immutable.
 */
public record FdtProperty(String name, byte[] value) {

    public FdtProperty {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("property name contains NUL: " + name);
        }
        value = value.clone();
    }

    /** A 32-bit big-endian cell. */
    public static FdtProperty ofU32(String name, long value) {
        if (value >>> 32 != 0) {
            throw new IllegalArgumentException("0x%x does not fit 32 bits".formatted(value));
        }
        return new FdtProperty(name, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    /** A 64-bit big-endian value (two cells). */
    public static FdtProperty ofU64(String name, long value) {
        return new FdtProperty(name, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** A NUL-terminated string. */
    public static FdtProperty ofString(String name, String value) {
        if (value.indexOf('\0') >= 0 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
            throw new IllegalArgumentException("not a device-tree string: " + value);
        }
        return new FdtProperty(name, (value + '\0').getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Whether this is a flag property (present, no value), like {@code no-map}. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The value as one unsigned 32-bit cell. */
    public long asU32() throws FdtException {
        requireLength(4, "a u32");
        return Integer.toUnsignedLong(ByteBuffer.wrap(value).getInt());
    }

    /** The value as one 64-bit number (two cells). */
    public long asU64() throws FdtException {
        requireLength(8, "a u64");
        return ByteBuffer.wrap(value).getLong();
    }

    /** The value as a number of one or two cells, as Linux reads {@code linux,initrd-start}. */
    public long asU32OrU64() throws FdtException {
        if (value.length == 4) {
            return asU32();
        }
        requireLength(8, "a u32 or a u64");
        return asU64();
    }

    /** The value as exactly one NUL-terminated string. */
    public String asString() throws FdtException {
        List<String> strings = asStrings();
        if (strings.size() != 1) {
            throw malformed("holds %d strings, not the single string expected".formatted(strings.size()));
        }
        return strings.get(0);
    }

    /** The value as a list of NUL-terminated strings ({@code compatible}); empty for an empty value. */
    public List<String> asStrings() throws FdtException {
        if (value.length > 0 && value[value.length - 1] != 0) {
            throw malformed("is not NUL-terminated, so it is not a string");
        }
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                strings.add(new String(value, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        return strings;
    }

    /** The value as unsigned 32-bit cells. */
    public long[] asCells() throws FdtException {
        if (value.length % 4 != 0) {
            throw malformed("is %d bytes long, not a whole number of 4-byte cells".formatted(value.length));
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        long[] cells = new long[value.length / 4];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = Integer.toUnsignedLong(in.getInt());
        }
        return cells;
    }

    private void requireLength(int expected, String what) throws FdtException {
        if (value.length != expected) {
            throw malformed("is %d bytes long; %s needs %d".formatted(value.length, what, expected));
        }
    }

    private FdtException malformed(String what) {
        return new FdtException("property " + name + " " + what, FdtException.BINDING_FIX);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdtProperty p && name.equals(p.name) && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + " = [" + HexFormat.ofDelimiter(" ").formatHex(value) + "]";
    }
}
