package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checksum a label block or a gang header carries in its own last 40 bytes, the
 * {@code zio_eck_t}: a magic number, whose byte order is the block's, then the checksum. It is
 * computed over the whole block with a verifier standing in for the stored checksum
 * (zio_checksum_verify in sys/cddl/boot/zfs/zfssubr.c, zio_checksum_error_impl in
 * sys/contrib/openzfs/module/zfs/zio_checksum.c).
 *
 * <p>Contract with the caller: the block is exactly the bytes ZFS checksums (a label's 112 KiB
 * nvlist area, one uberblock slot, a whole gang header), and the verifier is
 * {@link ChecksumValue#labelVerifier} of the block's byte offset on its device, or
 * {@link ChecksumValue#gangVerifier} of the gang block pointer's first DVA and physical birth.
 */
public final class EmbeddedChecksum {
    /** {@code ZEC_MAGIC}. */
    public static final long MAGIC = 0x210da7ab10c7a11L;
    /** {@code sizeof (zio_eck_t)}: the magic and four checksum words. */
    public static final int SIZE = 40;

    private EmbeddedChecksum() {}

    /**
     * Checks the block's embedded checksum; the buffer's content and position are left as they were.
     *
     * @param type {@link ChecksumType#LABEL} or {@link ChecksumType#GANG_HEADER} (both SHA-256)
     * @throws ChecksumException if the block is too short, the magic is missing or the checksum does not match
     */
    public static void verify(ChecksumType type, ByteBuffer block, ChecksumValue verifier) throws ChecksumException {
        int size = block.remaining();
        if (size < SIZE) {
            throw new ChecksumException("a ZFS " + type.zfsName() + " block of " + size
                    + " bytes is too short to hold its embedded checksum", "the block is damaged");
        }
        int eck = size - SIZE;
        ByteOrder order = blockOrder(block.duplicate(), block.position() + eck, type);
        ByteBuffer copy = ByteBuffer.allocate(size).order(order);
        copy.put(block.duplicate()).flip();
        ChecksumValue stored = new ChecksumValue(copy.getLong(eck + 8), copy.getLong(eck + 16),
                copy.getLong(eck + 24), copy.getLong(eck + 32));
        copy.putLong(eck + 8, verifier.word0()).putLong(eck + 16, verifier.word1())
                .putLong(eck + 24, verifier.word2()).putLong(eck + 32, verifier.word3());
        ChecksumValue actual = Checksums.compute(type, copy, order, null);
        if (!actual.equals(stored)) {
            throw Checksums.mismatch(type, stored, actual);
        }
    }

    /** The block's byte order, told by which way round its magic reads. */
    private static ByteOrder blockOrder(ByteBuffer block, int magicAt, ChecksumType type) throws ChecksumException {
        long magic = block.order(ByteOrder.LITTLE_ENDIAN).getLong(magicAt);
        if (magic == MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (magic == Long.reverseBytes(MAGIC)) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new ChecksumException("a ZFS " + type.zfsName() + " block has no embedded checksum (magic %016x)"
                .formatted(magic), "the block is damaged or is not a ZFS " + type.zfsName() + " block");
    }
}
