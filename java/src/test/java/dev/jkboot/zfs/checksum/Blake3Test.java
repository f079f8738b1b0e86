package dev.jkboot.zfs.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * BLAKE3's keyed_hash against the official test vectors (BLAKE3-team/BLAKE3,
 * test_vectors/test_vectors.json: input byte i is i % 251, the key the ASCII "whats the Elvish
 * word for friend"; the first 32 bytes of each extended output), lengths chosen to cross the
 * block, chunk and tree boundaries.
 */
class Blake3Test {
    private static final byte[] KEY = "whats the Elvish word for friend".getBytes(StandardCharsets.US_ASCII);
    private static final String[][] VECTORS = {
        {"0", "92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26"},
        {"1", "6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b"},
        {"1023", "c951ecdf03288d0fcc96ee3413563d8a6d3589547f2c2fb36d9786470f1b9d6e"},
        {"1024", "75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4"},
        {"1025", "357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69"},
        {"2048", "879cf1fa2ea0e79126cb1063617a05b6ad9d0b696d0d757cf053439f60a99dd1"},
        {"2049", "9f29700902f7c86e514ddc4df1e3049f258b2472b6dd5267f61bf13983b78dd5"},
        {"3072", "044a0e7b172a312dc02a4c9a818c036ffa2776368d7f528268d2e6b5df191770"},
        {"3073", "68dede9bef00ba89e43f31a6825f4cf433389fedae75c04ee9f0cf16a427c95a"},
        {"4096", "befc660aea2f1718884cd8deb9902811d332f4fc4a38cf7c7300d597a081bfc0"},
        {"4097", "00df940cd36bb9fa7cbbc3556744e0dbc8191401afe70520ba292ee3ca80abbc"},
        {"5121", "6ccf1c34753e7a044db80798ecd0782a8f76f33563accaddbfbb2e0ea4b2d024"},
        {"7168", "b42835e40e9d4a7f42ad8cc04f85a963a76e18198377ed84adddeaecacc6f3fc"},
        {"7169", "ed9b1a922c046fdb3d423ae34e143b05ca1bf28b710432857bf738bcedbfa511"},
    };

    private static ByteBuffer input(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void keyedHashMatchesTheOfficialVectors() {
        for (String[] vector : VECTORS) {
            int length = Integer.parseInt(vector[0]);
            assertEquals(vector[1], HexFormat.of().formatHex(Blake3.keyedHash(KEY, input(length))), "length " + length);
        }
    }

    @Test
    void zfsBlake3IsKeyedWithTheSaltAndReadInTheBlocksByteOrder() throws ChecksumException {
        ChecksumSalt salt = ChecksumSalt.of(KEY);
        // length 1: 6d7878dfff2f4856 35d39013278ae14f 1454b8c0a3a2d34b c1ab38228a80c95b
        assertEquals(new ChecksumValue(0x6d7878dfff2f4856L, 0x35d39013278ae14fL, 0x1454b8c0a3a2d34bL, 0xc1ab38228a80c95bL),
                Checksums.compute(ChecksumType.BLAKE3, input(1), ByteOrder.BIG_ENDIAN, salt));
        assertEquals(new ChecksumValue(0x56482fffdf78786dL, 0x4fe18a271390d335L, 0x4bd3a2a3c0b85414L, 0x5bc9808a2238abc1L),
                Checksums.compute(ChecksumType.BLAKE3, input(1), ByteOrder.LITTLE_ENDIAN, salt));
        ChecksumValue expected = Checksums.compute(ChecksumType.BLAKE3, input(4097), ByteOrder.LITTLE_ENDIAN, salt);
        BlockCheck check = Checksums.verifier(ChecksumType.BLAKE3, ByteOrder.LITTLE_ENDIAN, salt, expected);
        check.verify(input(4097));
        ByteBuffer other = input(4097);
        other.put(4000, (byte) 0);
        assertThrows(ChecksumException.class, () -> check.verify(other));
    }

    @Test
    void withoutTheSaltBlake3IsRefusedBeforeAnyRead() {
        String message = assertThrows(ChecksumException.class, () -> Checksums.verifier(ChecksumType.BLAKE3,
                ByteOrder.LITTLE_ENDIAN, null, new ChecksumValue(0, 0, 0, 0))).getMessage();
        assertTrue(message.contains("blake3 but the pool has no checksum salt"), message);
    }
}
