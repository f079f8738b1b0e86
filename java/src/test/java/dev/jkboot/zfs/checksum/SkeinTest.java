package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Skein-512 against the Skein 1.3 specification's Appendix C answers (as OpenZFS's
 * tests/zfs-tests/tests/functional/checksum/skein_test.c carries them): the messages FF, FF FE ...
 * C0 (64 bytes) and FF FE ... 80 (128 bytes); and keyed (MAC) answers of the submission's
 * skein_golden_kat.txt, message D3 09 0C 72 ... and key CB 41 F1 70 ....
 */
class SkeinTest {

    private static final byte[] MESSAGE = HexFormat.of().parseHex(
            "d3090c72167517f7c7ad82a70c2fd3f6443f608301591e598eadb195e8357135"
            + "ba26fede2ee187417f816048d00fc23512737a2113709a77e4170c49a94b7fdf"
            + "f45ff579a72287743102e7766c35ca5abc5dfe2f63a1e726ce5fbd2926db03a2"
            + "dd18b03fc1508a9aac45eb362440203a323e09edee6324ee2e37b4432c1867ed");
    private static final byte[] KEY = HexFormat.of().parseHex(
            "cb41f1706cde09651203c2d0efbaddf847a0d315cb2e53ff8bac41da0002672e"
            + "920244c66e02d5f0dad3e94c42bb65f0d14157decf4105ef5609d5b0984457c1");

    static ByteBuffer countingDown(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (0xff - i);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static String skein512(ByteBuffer message) {
        return HexFormat.of().formatHex(Skein.mac(new byte[0], message, 512));
    }

    @Test
    void specificationAnswers() {
        assertEquals("71b7bce6fe6452227b9ced6014249e5bf9a9754c3ad618ccc4e0aae16b316cc8"
                + "ca698d864307ed3e80b6ef1570812ac5272dc409b5a012df2a579102f340617a", skein512(countingDown(1)));
        assertEquals("45863ba3be0c4dfc27e75d358496f4ac9a736a505d9313b42b2f5eada79fc17f"
                + "63861e947afb1d056aa199575ad3f8c9a3cc1780b5e5fa4cae050e989876625b", skein512(countingDown(64)));
        assertEquals("91cca510c263c4ddd010530a33073309628631f308747e1bcbaa90e451cab92e"
                + "5188087af4188773a332303e6667a7a210856f742139000071f48e8ba2a5adb7", skein512(countingDown(128)));
    }

    private static String keyed(int keyBytes, int messageBytes, int bits) {
        return HexFormat.of().formatHex(Skein.mac(Arrays.copyOf(KEY, keyBytes),
                ByteBuffer.wrap(MESSAGE, 0, messageBytes), bits));
    }

    @Test
    void macAnswers() {
        assertEquals("aa703b798b6f472baa9d1e1689fa0f70f8dca25a6046bb2c8fb7f34407934ae4", keyed(0, 128, 256));
        assertEquals("dfbf5c1319a1d9d70efb2f1600fbcf694f935907f31d24a16d6cd2fb2d7855a7"
                + "69681766c0a29da778eed346cd1d740f", keyed(32, 128, 384));
        assertEquals("d10e3ba81855ac087fbf5a3bc1f99b27d05f98ba22441138026225d34a418b93"
                + "fd9e8dfaf5120757451adabe050d0eb59d271b0fe1bbf04badbcf9ba25a8791b", keyed(32, 96, 512));
        assertEquals("a947812529a72fd3b8967ec391b298bee891babc8487a1ec4ea3d88f6b2b5be0"
                + "9ac6a780f30f8e8c3bbb4f18bc302a28f3e87d170ba0f858a8fefe3487478cca", keyed(64, 48, 512));
    }

    @Test
    void zfsSkeinIsSkein512Over256KeyedWithTheSaltInTheBlocksByteOrder() throws ChecksumException {
        ChecksumSalt salt = ChecksumSalt.of(Arrays.copyOf(KEY, 32));
        byte[] digest = Skein.mac(Arrays.copyOf(KEY, 32), ByteBuffer.wrap(MESSAGE), 256);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer words = ByteBuffer.wrap(digest).order(order);
            ChecksumValue expected = new ChecksumValue(words.getLong(0), words.getLong(8), words.getLong(16), words.getLong(24));
            assertEquals(expected, Checksums.compute(ChecksumType.SKEIN, ByteBuffer.wrap(MESSAGE), order, salt));
            BlockCheck check = Checksums.verifier(ChecksumType.SKEIN, order, salt, expected);
            check.verify(ByteBuffer.wrap(MESSAGE));
            byte[] damaged = MESSAGE.clone();
            damaged[127] ^= 1;
            assertThrows(ChecksumException.class, () -> check.verify(ByteBuffer.wrap(damaged)));
        }
        String message = assertThrows(ChecksumException.class, () -> Checksums.verifier(ChecksumType.SKEIN,
                ByteOrder.LITTLE_ENDIAN, null, new ChecksumValue(0, 0, 0, 0))).getMessage();
        assertTrue(message.contains("skein but the pool has no checksum salt"), message);
    }
}
