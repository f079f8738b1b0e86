package dev.jkboot.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The ACPI Serial Port Console Redirection table ({@code /sys/firmware/acpi/tables/SPCR}): which
 * kind of UART the firmware's console is and where its registers are (a Generic Address Structure).
 */
public record Spcr(int interfaceType, int addressSpace, long address) {
    public static final String PATH = AcpiTables.PATH + "/SPCR";
    /** Header (36) + interface type, reserved (4) + the base address GAS (12). */
    private static final int MIN_LENGTH = 52;
    private static final int MAX_BYTES = 4096;
    /** GAS address space 0: the registers are memory-mapped. */
    public static final int SYSTEM_MEMORY = 0;

    public static Spcr read(HostRoot root) throws HostException {
        return parse(root.read(PATH, MAX_BYTES), root.show(PATH));
    }

    public static Spcr parse(byte[] table, String where) throws HostException {
        if (table.length < MIN_LENGTH) {
            throw new HostException(where, "is %d bytes, shorter than the %d an SPCR table needs"
                    .formatted(table.length, MIN_LENGTH), "");
        }
        String signature = new String(table, 0, 4, StandardCharsets.ISO_8859_1);
        if (!signature.equals("SPCR")) {
            throw new HostException(where, "has signature \"%s\", not \"SPCR\"".formatted(signature), "");
        }
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long length = b.getInt(4) & 0xffff_ffffL;
        if (length < MIN_LENGTH || length > table.length) {
            throw new HostException(where, "declares a length of %d bytes but holds %d"
                    .formatted(length, table.length), "");
        }
        return new Spcr(b.get(36) & 0xff, b.get(40) & 0xff, b.getLong(44));
    }

    /** The UART kind by the names in Microsoft's DBG2/SPCR interface-type list. */
    public String interfaceName() {
        return switch (interfaceType) {
            case 0x00 -> "16550";
            case 0x01 -> "16450";
            case 0x03 -> "ARM PL011";
            case 0x0e -> "ARM SBSA generic UART";
            case 0x12 -> "16550-compatible";
            default -> "interface type 0x%x".formatted(interfaceType);
        };
    }
}
