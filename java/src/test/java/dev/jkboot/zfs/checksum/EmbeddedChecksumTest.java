package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * Embedded (zio_eck_t) checksums of label blocks and gang headers, built here the way
 * zio_checksum_compute writes them: the verifier in the checksum slot, SHA-256 of the whole
 * block, the result (as big-endian words) stored over the verifier in the block's byte order.
 */
class EmbeddedChecksumTest {
    private static final int SIZE = 1024;

    static ByteBuffer sealed(ByteOrder order, ChecksumValue verifier) throws Exception {
        ByteBuffer block = ByteBuffer.allocate(SIZE).order(order);
        for (int i = 0; i < SIZE - 40; i++) {
            block.put(i, (byte) (i * 31 + 7));
        }
        int eck = SIZE - 40;
        block.putLong(eck, EmbeddedChecksum.MAGIC);
        putWords(block, eck + 8, verifier);
        ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(block.array()));
        putWords(block, eck + 8, new ChecksumValue(digest.getLong(0), digest.getLong(8), digest.getLong(16), digest.getLong(24)));
        return block;
    }

    private static void putWords(ByteBuffer block, int at, ChecksumValue value) {
        block.putLong(at, value.word0()).putLong(at + 8, value.word1()).putLong(at + 16, value.word2()).putLong(at + 24, value.word3());
    }

    @Test
    void aLabelBlockVerifiesInEitherByteOrderAndIsLeftUntouched() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ChecksumValue verifier = ChecksumValue.labelVerifier(0x22000);
            ByteBuffer block = sealed(order, verifier);
            byte[] before = block.array().clone();
            assertDoesNotThrow(() -> EmbeddedChecksum.verify(ChecksumType.LABEL, block, verifier));
            assertDoesNotThrow(() -> Checksums.verifier(ChecksumType.LABEL, ByteOrder.LITTLE_ENDIAN, null, verifier)
                    .verify(block));
            assertArrayEquals(before, block.array());
            assertEquals(0, block.position());
        }
    }

    @Test
    void theVerifierMustBeTheOneTheBlockWasSealedWith() throws Exception {
        ChecksumValue gang = ChecksumValue.gangVerifier(1, 0x40000, 77);
        assertEquals(new ChecksumValue(1, 0x40000, 77, 0), gang);
        ByteBuffer block = sealed(ByteOrder.LITTLE_ENDIAN, gang);
        assertDoesNotThrow(() -> EmbeddedChecksum.verify(ChecksumType.GANG_HEADER, block, gang));
        // a label copy read from another offset is not this one
        String message = assertThrows(ChecksumException.class, () -> EmbeddedChecksum.verify(
                ChecksumType.GANG_HEADER, block, ChecksumValue.gangVerifier(1, 0x40000, 78))).getMessage();
        assertTrue(message.contains("gang_header checksum mismatch"), message);
    }

    @Test
    void aDamagedByteIsAMismatch() throws Exception {
        ChecksumValue verifier = ChecksumValue.labelVerifier(0x21000);
        ByteBuffer block = sealed(ByteOrder.BIG_ENDIAN, verifier);
        block.put(3, (byte) (block.get(3) ^ 0x10));
        assertThrows(ChecksumException.class, () -> EmbeddedChecksum.verify(ChecksumType.LABEL, block, verifier));
    }

    @Test
    void aBlockWithoutTheMagicOrTooShortIsRefused() throws Exception {
        ChecksumValue verifier = ChecksumValue.labelVerifier(0);
        ByteBuffer block = sealed(ByteOrder.LITTLE_ENDIAN, verifier);
        block.put(SIZE - 40, (byte) 0);
        String message = assertThrows(ChecksumException.class,
                () -> EmbeddedChecksum.verify(ChecksumType.LABEL, block, verifier)).getMessage();
        assertTrue(message.contains("no embedded checksum"), message);
        message = assertThrows(ChecksumException.class,
                () -> EmbeddedChecksum.verify(ChecksumType.LABEL, ByteBuffer.allocate(39), verifier)).getMessage();
        assertTrue(message.contains("too short"), message);
    }
}
