package dev.jkboot.zfs;

/**
 * One name and its value in a ZAP object: {@code integerLength} bytes per integer (1, 2, 4 or 8)
 * and the integers, widened (a micro ZAP holds one 8-byte integer per name).
 */
record ZapEntry(String name, int integerLength, long[] values) {
    /** The first integer: the whole value of every entry jkboot looks up by name. */
    long value() {
        return values.length == 0 ? 0 : values[0];
    }

    /** The value as bytes, for byte-array entries such as the checksum salt. */
    byte[] bytes() {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
