package dev.jkboot.smbios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The structures of an SMBIOS table, walked as smbios.c's {@code smbios_detect} walks them: at
 * most {@code count} structures (32-bit entry points declare it; -1 for none), within
 * {@code length} bytes, up to End-of-Table (type 127). Each structure is its formatted area of
 * the length its header gives, then strings ended by a double NUL.
 *
 * @param problem why the walk stopped early on a malformed structure; the structures before it are kept
 */
public record SmbiosTable(List<SmbiosStructure> structures, Optional<String> problem) {
    private static final int HEADER = 4;

    public SmbiosTable {
        structures = List.copyOf(structures);
    }

    /** Walks {@code table}'s first {@code length} bytes (fewer if the table is shorter). */
    public static SmbiosTable walk(byte[] table, long length, int count) {
        int end = (int) Math.min(table.length, Math.max(0, length));
        List<SmbiosStructure> structures = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < end && (count < 0 || i < count); i++) {
            if (end - at < HEADER) {
                return stopped(structures, "structure %d at offset 0x%x: its 4-byte header runs past the table end "
                        .formatted(i, at) + "(0x%x)".formatted(end));
            }
            int type = table[at] & 0xff;
            int formatted = table[at + 1] & 0xff;
            if (formatted < HEADER) {
                return stopped(structures, "structure %d (type %d) at offset 0x%x declares a length of %d, "
                        .formatted(i, type, at, formatted) + "shorter than its own 4-byte header");
            }
            if (formatted > end - at) {
                return stopped(structures, "structure %d (type %d) at offset 0x%x: its %d-byte formatted area "
                        .formatted(i, type, at, formatted) + "runs past the table end (0x%x)".formatted(end));
            }
            List<byte[]> strings = new ArrayList<>();
            int next = strings(table, at + formatted, end, strings);
            if (next < 0) {
                return stopped(structures, "structure %d (type %d) at offset 0x%x: its strings have no double-NUL "
                        .formatted(i, type, at) + "end before the table end (0x%x)".formatted(end));
            }
            structures.add(new SmbiosStructure(at, Arrays.copyOfRange(table, at, at + formatted), strings));
            if (type == SmbiosStructure.END_OF_TABLE) {
                break;
            }
            at = next;
        }
        return new SmbiosTable(structures, Optional.empty());
    }

    /**
     * Collects the string set starting at {@code from} and returns the offset after its double
     * NUL, or -1 when the table ends first. An empty set is just the double NUL.
     */
    private static int strings(byte[] table, int from, int end, List<byte[]> out) {
        int at = from;
        if (end - at >= 2 && table[at] == 0 && table[at + 1] == 0) {
            return at + 2;
        }
        while (at < end) {
            int start = at;
            while (at < end && table[at] != 0) {
                at++;
            }
            if (at >= end) {
                return -1;
            }
            out.add(Arrays.copyOfRange(table, start, at));
            at++;
            if (at < end && table[at] == 0) {
                return at + 1;
            }
        }
        return -1;
    }

    private static SmbiosTable stopped(List<SmbiosStructure> structures, String why) {
        return new SmbiosTable(structures, Optional.of(why));
    }
}
