package dev.jkboot.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one file and its display name: range checks that cannot overflow, little-endian
 * reads, and the errors that name the file.
 *
 * <p>Offsets and sizes from ELF structures are unsigned 64-bit values held in {@code long}s; every
 * comparison here is unsigned. Reads take offsets that a {@link #require} call has already
 * proven to lie inside the file, which also makes the {@code int} casts safe.
 */
final class FileBytes {
    /** The fix for a structure no linker writes: the file is damaged or is something else. */
    static final String DAMAGED_FIX = "is this a FreeBSD arm64 kernel or module? A linker never writes"
            + " this, so the file is probably truncated or damaged: copy it again (e.g. from"
            + " /boot/kernel/ of a FreeBSD arm64 system) or rebuild it";

    private final String name;
    private final ByteBuffer buffer;

    FileBytes(String name, byte[] bytes) {
        this.name = name;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    String name() {
        return name;
    }

    int length() {
        return buffer.capacity();
    }

    /** Whether {@code [offset, offset + size)} lies inside the file, for unsigned offset and size. */
    boolean contains(long offset, long size) {
        return Long.compareUnsigned(offset, length()) <= 0
                && Long.compareUnsigned(size, length() - offset) <= 0;
    }

    /**
     * Fails unless the range is inside the file; {@code what} names it. A plain string, concatenated
     * by the caller: a lambda to build it lazily would cost more at start-up than the string.
     */
    void require(long offset, long size, String what) throws ElfException {
        if (!contains(offset, size)) {
            throw damaged("%s (offset 0x%x, size 0x%x) runs past the end of the file (0x%x bytes)"
                    .formatted(what, offset, size, length()));
        }
    }

    int u8(long offset) {
        return buffer.get((int) offset) & 0xff;
    }

    int u16(long offset) {
        return buffer.getShort((int) offset) & 0xffff;
    }

    /** A 32-bit field; callers that need it unsigned use {@link Integer#toUnsignedLong}. */
    int u32(long offset) {
        return buffer.getInt((int) offset);
    }

    long u64(long offset) {
        return buffer.getLong((int) offset);
    }

    /** A read-only little-endian view of a range that {@link #require} has accepted; no copy. */
    ByteBuffer slice(long offset, long size) {
        return buffer.slice((int) offset, (int) size).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    byte[] copy(long offset, int size) {
        byte[] out = new byte[size];
        buffer.get((int) offset, out);
        return out;
    }

    /**
     * The NUL-terminated string at {@code index} of the string table at {@code [tableOffset,
     * tableOffset + tableSize)}, which must already be inside the file.
     */
    String string(long tableOffset, long tableSize, long index, String what) throws ElfException {
        if (Long.compareUnsigned(index, tableSize) >= 0) {
            throw damaged("%s: name offset 0x%x is outside its string table (0x%x bytes)"
                    .formatted(what, index, tableSize));
        }
        long end = tableOffset + tableSize;
        if (indexOfNul(tableOffset + index, end) == end) {
            throw damaged("%s: the name at string table offset 0x%x has no terminating NUL"
                    .formatted(what, index));
        }
        return cString(tableOffset + index, end);
    }

    /** The string from {@code offset} up to the first NUL or {@code limit}; both inside the file. */
    String cString(long offset, long limit) {
        int start = (int) offset;
        return new String(copy(start, (int) indexOfNul(offset, limit) - start), StandardCharsets.UTF_8);
    }

    /** The offset of the first NUL in {@code [offset, limit)}, or {@code limit} if there is none. */
    long indexOfNul(long offset, long limit) {
        for (long i = offset; i < limit; i++) {
            if (buffer.get((int) i) == 0) {
                return i;
            }
        }
        return limit;
    }

    /** Whether the NUL-terminated string at {@code offset}, ending before {@code limit}, is {@code expected}. */
    boolean stringEquals(long offset, long limit, byte[] expected) {
        if (limit - offset <= expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get((int) offset + i) != expected[i]) {
                return false;
            }
        }
        return buffer.get((int) offset + expected.length) == 0;
    }

    ElfException damaged(String what) {
        return new ElfException(name + ": " + what, DAMAGED_FIX);
    }
}
