package dev.jkboot.smbios;

import dev.jkboot.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The system UUID (type 1, offset 0x08) as smbios.c's {@code smbios_setuuid} writes it: the first
 * three fields little-endian from SMBIOS 2.6 on and big-endian before (the loader's default build
 * defines neither SMBIOS_LITTLE_ENDIAN_UUID nor SMBIOS_NETWORK_ENDIAN_UUID); none when all bits are
 * 0 or all are 1, which the specification reserves for "not present" and "not settable".
 */
final class SmbiosUuid {
    private SmbiosUuid() {}

    static Optional<String> format(byte[] uuid, int version) {
        boolean allZero = true;
        boolean allOnes = true;
        for (byte b : uuid) {
            allZero &= b == 0;
            allOnes &= b == (byte) 0xff;
        }
        if (allZero || allOnes) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(uuid).order(version < 0x0206 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        // Hex.padded, not String.format: Formatter's first use is slow at start-up under emulation (issue 12).
        StringBuilder s = new StringBuilder()
                .append(digits(b.getInt(0) & 0xffffffffL, 8)).append('-')
                .append(digits(b.getShort(4) & 0xffff, 4)).append('-')
                .append(digits(b.getShort(6) & 0xffff, 4)).append('-');
        for (int i = 8; i < 16; i++) {
            s.append(digits(uuid[i] & 0xff, 2));
            if (i == 9) {
                s.append('-');
            }
        }
        return Optional.of(s.toString());
    }

    /** {@code value} as exactly {@code n} lower-case hex digits, without the "0x". */
    private static String digits(long value, int n) {
        return Hex.padded(value, n).substring(2);
    }
}
