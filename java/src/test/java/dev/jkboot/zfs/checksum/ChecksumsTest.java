package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SHA checksums against FIPS 180-4's "abc" vectors, the id table, verification and refusals. */
class ChecksumsTest {
    private static final ByteBuffer ABC = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));

    @Test
    void sha256IsTheDigestAsBigEndianWordsWhateverTheByteOrder() throws ChecksumException {
        ChecksumValue expected = new ChecksumValue(0xba7816bf8f01cfeaL, 0x414140de5dae2223L,
                0xb00361a396177a9cL, 0xb410ff61f20015adL);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (ChecksumType type : new ChecksumType[] {ChecksumType.SHA256, ChecksumType.LABEL, ChecksumType.GANG_HEADER}) {
                assertEquals(expected, Checksums.compute(type, ABC, order, null), type + " " + order);
            }
        }
    }

    @Test
    void sha512IsSha512Over256InTheBlocksByteOrder() throws ChecksumException {
        // SHA-512/256("abc") = 53048e2681941ef9 9b2e29b76b4c7dab e4c2d0c634fc6d46 e0e2f13107e7af23
        assertEquals(new ChecksumValue(0x53048e2681941ef9L, 0x9b2e29b76b4c7dabL, 0xe4c2d0c634fc6d46L, 0xe0e2f13107e7af23L),
                Checksums.compute(ChecksumType.SHA512, ABC, ByteOrder.BIG_ENDIAN, null));
        assertEquals(new ChecksumValue(0xf91e9481268e0453L, 0xab7d4c6bb7292e9bL, 0x466dfc34c6d0c2e4L, 0x23afe70731f1e2e0L),
                Checksums.compute(ChecksumType.SHA512, ABC, ByteOrder.LITTLE_ENDIAN, null));
    }

    @Test
    void offIsAllZerosAsInTheLoader() throws ChecksumException {
        assertEquals(new ChecksumValue(0, 0, 0, 0), Checksums.compute(ChecksumType.OFF, ABC, ByteOrder.LITTLE_ENDIAN, null));
    }

    @Test
    void idsAreZfsOnDiskIds() throws ChecksumException {
        String[] names = {"inherit", "on", "off", "label", "gang_header", "zilog", "fletcher2", "fletcher4",
            "sha256", "zilog2", "noparity", "sha512", "skein", "edonr", "blake3"};
        for (int id = 0; id < names.length; id++) {
            ChecksumType type = ChecksumType.fromId(id);
            assertEquals(id, type.id());
            assertEquals(names[id], type.zfsName());
        }
        assertTrue(assertThrows(ChecksumException.class, () -> ChecksumType.fromId(15)).getMessage().contains("15"));
        assertThrows(ChecksumException.class, () -> ChecksumType.fromId(-1));
    }

    @Test
    void aVerifierAcceptsTheRightBytesAndNamesTheChecksumOnAMismatch() throws ChecksumException {
        ByteBuffer block = ByteBuffer.allocate(512);
        for (int i = 0; i < 512; i++) {
            block.put(i, (byte) (i * 7));
        }
        for (ChecksumType type : new ChecksumType[] {ChecksumType.FLETCHER_2, ChecksumType.FLETCHER_4,
            ChecksumType.SHA256, ChecksumType.SHA512}) {
            ChecksumValue good = Checksums.compute(type, block, ByteOrder.LITTLE_ENDIAN, null);
            BlockCheck check = Checksums.verifier(type, ByteOrder.LITTLE_ENDIAN, null, good);
            assertDoesNotThrow(() -> check.verify(block.duplicate()));
            ByteBuffer damaged = ByteBuffer.allocate(512).put(block.duplicate()).flip();
            damaged.put(100, (byte) (damaged.get(100) ^ 1));
            String message = assertThrows(ChecksumException.class, () -> check.verify(damaged)).getMessage();
            assertTrue(message.contains(type.zfsName() + " checksum mismatch") && message.contains(good.toString()), message);
            BlockCheck otherOrder = Checksums.verifier(type, ByteOrder.BIG_ENDIAN, null, good);
            if (type == ChecksumType.SHA256) {
                assertDoesNotThrow(() -> otherOrder.verify(block.duplicate()));
            } else {
                assertThrows(ChecksumException.class, () -> otherOrder.verify(block.duplicate()), type.zfsName());
            }
        }
    }

    @Test
    void checksumsJkbootCannotComputeAreRefusedByNameBeforeAnyRead() {
        for (ChecksumType type : new ChecksumType[] {ChecksumType.EDONR}) {
            String message = assertThrows(ChecksumException.class,
                    () -> Checksums.verifier(type, ByteOrder.LITTLE_ENDIAN, null, new ChecksumValue(1, 2, 3, 4))).getMessage();
            assertEquals("jkboot cannot verify the ZFS checksum " + type.zfsName(), message);
        }
        for (ChecksumType type : new ChecksumType[] {ChecksumType.INHERIT, ChecksumType.ON, ChecksumType.NOPARITY}) {
            String message = assertThrows(ChecksumException.class,
                    () -> Checksums.verifier(type, ByteOrder.LITTLE_ENDIAN, null, new ChecksumValue(0, 0, 0, 0))).getMessage();
            assertTrue(message.contains("'" + type.zfsName() + "', which no block is written with"), message);
        }
    }

    @Test
    void theSaltIsThirtyTwoBytesCopiedIn() throws ChecksumException {
        byte[] bytes = new byte[32];
        bytes[0] = 5;
        ChecksumSalt salt = ChecksumSalt.of(bytes);
        bytes[0] = 6;
        assertEquals(5, salt.bytes()[0]);
        assertEquals(salt, ChecksumSalt.of(salt.bytes()));
        assertThrows(ChecksumException.class, () -> ChecksumSalt.of(new byte[31]));
    }
}
