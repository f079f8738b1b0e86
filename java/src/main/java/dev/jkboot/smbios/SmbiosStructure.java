package dev.jkboot.smbios;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One structure of the SMBIOS table: its formatted area (header included) and its string set.
 *
 * @param offset where it starts in the table, for messages
 * @param formatted the formatted area: type, length, handle, then the type's fields
 * @param strings the string set in order; field values name them from 1 (0 means "none")
 */
public record SmbiosStructure(int offset, byte[] formatted, List<byte[]> strings) {
    /** Type 127, End-of-Table: the walk stops there (smbios.c SMBIOS_EOT_TYPE). */
    public static final int END_OF_TABLE = 127;

    public SmbiosStructure {
        strings = List.copyOf(strings);
    }

    public int type() {
        return formatted[0] & 0xff;
    }

    /** The byte at {@code at}; empty when the structure is too short to have that field. */
    public Optional<Integer> byteAt(int at) {
        return at < formatted.length ? Optional.of(formatted[at] & 0xff) : Optional.empty();
    }

    /** The little-endian 16-bit field at {@code at}; empty when the structure is too short. */
    public Optional<Integer> wordAt(int at) {
        return at + 1 < formatted.length
                ? Optional.of((formatted[at] & 0xff) | (formatted[at + 1] & 0xff) << 8) : Optional.empty();
    }

    /** The 16 bytes at {@code at}; empty when the structure is too short. */
    public Optional<byte[]> bytesAt(int at, int length) {
        return at + length <= formatted.length
                ? Optional.of(java.util.Arrays.copyOfRange(formatted, at, at + length)) : Optional.empty();
    }

    /**
     * The string a field at {@code at} names (smbios.c {@code smbios_getstring}): empty for index
     * 0, for a field past the formatted area, and for an index beyond the string set (where
     * FreeBSD's loader would read whatever follows; here the variable is left unset).
     */
    public Optional<String> stringAt(int at) {
        Optional<Integer> index = byteAt(at);
        if (index.isEmpty() || index.get() == 0 || index.get() > strings.size()) {
            return Optional.empty();
        }
        return Optional.of(new String(strings.get(index.get() - 1), StandardCharsets.UTF_8));
    }

    /** Whether a field at {@code at} names a string the set does not have. */
    public boolean danglingString(int at) {
        Optional<Integer> index = byteAt(at);
        return index.isPresent() && index.get() > strings.size();
    }
}
