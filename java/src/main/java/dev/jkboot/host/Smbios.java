package dev.jkboot.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The SMBIOS entry point Linux exports in {@code /sys/firmware/dmi/tables/smbios_entry_point}
 * ("_SM3_" 64-bit or "_SM_" 32-bit), and the size of the structure table next to it in
 * {@code DMI}. Both files are readable by root only.
 *
 * @param structureCount the number of structures a 32-bit entry point declares; -1 for "_SM3_",
 *     which has no count (stand/libsa/smbios.c then walks to the table end or type 127)
 * @param bcdRevision the 32-bit entry point's BCD revision byte (0x1e), 0 for "_SM3_"
 */
public record Smbios(String anchor, int major, int minor, long tableAddress, long tableSize,
        long dmiFileBytes, int structureCount, int bcdRevision) {
    public static final String ENTRY_POINT = "/sys/firmware/dmi/tables/smbios_entry_point";
    public static final String DMI = "/sys/firmware/dmi/tables/DMI";
    private static final int MAX_ENTRY_POINT = 256;
    private static final int SMBIOS3_LENGTH = 0x18;
    private static final int SMBIOS2_LENGTH = 0x1f;

    public static Smbios read(HostRoot root) throws HostException {
        byte[] entry = root.read(ENTRY_POINT, MAX_ENTRY_POINT);
        long dmiBytes;
        try {
            dmiBytes = Files.size(root.resolve(DMI));
        } catch (IOException e) {
            throw root.unreadable(DMI, e);
        }
        return parse(entry, dmiBytes, root.show(ENTRY_POINT));
    }

    public static Smbios parse(byte[] entry, long dmiFileBytes, String where) throws HostException {
        ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        if (startsWith(entry, "_SM3_")) {
            requireLength(entry, SMBIOS3_LENGTH, 6, where);
            return new Smbios("_SM3_", b.get(7) & 0xff, b.get(8) & 0xff, b.getLong(0x10),
                    b.getInt(0x0c) & 0xffff_ffffL, dmiFileBytes, -1, 0);
        }
        if (startsWith(entry, "_SM_")) {
            requireLength(entry, SMBIOS2_LENGTH, 5, where);
            if (!new String(entry, 0x10, 5, StandardCharsets.US_ASCII).equals("_DMI_")) {
                throw new HostException(where, "has no \"_DMI_\" anchor at offset 0x10", "");
            }
            return new Smbios("_SM_", b.get(6) & 0xff, b.get(7) & 0xff, b.getInt(0x18) & 0xffff_ffffL,
                    b.getShort(0x16) & 0xffff, dmiFileBytes, b.getShort(0x1c) & 0xffff, b.get(0x1e) & 0xff);
        }
        throw new HostException(where, "starts with neither \"_SM3_\" nor \"_SM_\"", "");
    }

    /** The file must hold at least the fixed structure, and as much as its own length byte says. */
    private static void requireLength(byte[] entry, int minimum, int lengthOffset, String where)
            throws HostException {
        if (entry.length < minimum) {
            throw new HostException(where, "is %d bytes, shorter than the %d of its entry point"
                    .formatted(entry.length, minimum), "");
        }
        int declared = entry[lengthOffset] & 0xff;
        if (declared < minimum || declared > entry.length) {
            throw new HostException(where, "declares a length of %d bytes, but holds %d and needs %d"
                    .formatted(declared, entry.length, minimum), "");
        }
    }

    private static boolean startsWith(byte[] bytes, String anchor) {
        return bytes.length >= anchor.length()
                && new String(bytes, 0, anchor.length(), StandardCharsets.US_ASCII).equals(anchor);
    }

    public boolean is64Bit() {
        return anchor.equals("_SM3_");
    }

    public String version() {
        return major + "." + minor;
    }
}
