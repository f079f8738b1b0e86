package dev.jkboot.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * GPT GUIDs as stored on disk: the first three fields little-endian, the last eight bytes in
 * order ("mixed-endian"), so {@code c12a7328-f81f-…} is stored as {@code 28 73 2a c1 1f f8 …}.
 */
final class Guids {
    private Guids() {}

    static UUID read(byte[] bytes, int offset) {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long timeLow = Integer.toUnsignedLong(le.getInt(offset));
        long timeMid = Short.toUnsignedLong(le.getShort(offset + 4));
        long timeHigh = Short.toUnsignedLong(le.getShort(offset + 6));
        long tail = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).getLong(offset + 8);
        return new UUID(timeLow << 32 | timeMid << 16 | timeHigh, tail);
    }
}
