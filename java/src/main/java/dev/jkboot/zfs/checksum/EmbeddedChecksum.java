package dev.jkboot.zfs.checksum;

import java.nio.ByteBuffer;

/**
 * The checksum a label block or a gang header carries in its own last 40 bytes, the
 * {@code zio_eck_t}: a magic number, whose byte order is the block's, then the checksum. It is
 * computed over the whole block with a verifier standing in for the stored checksum
 * (zio_checksum_error_impl in sys/contrib/openzfs/module/zfs/zio_checksum.c).
 *
 * <p>Contract with the caller: the block is exactly the bytes ZFS checksums (a label's nvlist
 * area, one uberblock slot, a whole gang header), and the verifier is
 * {@link ChecksumValue#labelVerifier} of the block's byte offset on its device, or
 * {@link ChecksumValue#gangVerifier} of the gang block pointer.
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
     * @throws ChecksumException if the magic is missing or the checksum does not match
     */
    public static void verify(ChecksumType type, ByteBuffer block, ChecksumValue verifier) throws ChecksumException {
        throw Checksums.refusal(type);
    }
}
