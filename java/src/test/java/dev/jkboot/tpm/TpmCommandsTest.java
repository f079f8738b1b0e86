package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands byte for byte, spelled out by hand from TPM 2.0 Library Part 3 (big-endian throughout). */
class TpmCommandsTest {
    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void getCapabilityAsksForThePcrAllocation() {
        // Part 3, 30.2: TPM_ST_NO_SESSIONS, size 22, TPM_CC_GetCapability; TPM_CAP_PCRS, property 0, count 16.
        assertArrayEquals(hex("8001 00000016 0000017a 00000005 00000000 00000010"), TpmCommands.getCapabilityPcrs());
    }

    @Test
    void pcrExtendCarriesAnEmptyPasswordSessionAndOneDigestPerBank() {
        byte[] sha1 = filled(20, 0x11);
        byte[] sha256 = filled(32, 0x22);
        byte[] expected = hex("8002 00000057 00000182" // TPM_ST_SESSIONS, 87 bytes, TPM_CC_PCR_Extend
                + "00000009" // pcrHandle: PCR 9
                + "00000009 40000009 0000 00 0000" // authorizationSize 9: TPM_RS_PW, nonce {}, attributes 0, hmac {}
                + "00000002" // TPML_DIGEST_VALUES.count
                + "0004" + "11".repeat(20) // TPMT_HA sha1
                + "000b" + "22".repeat(32)); // TPMT_HA sha256
        assertArrayEquals(expected, TpmCommands.pcrExtend(9,
                List.of(new Digest(TpmAlgorithm.SHA1, sha1), new Digest(TpmAlgorithm.SHA256, sha256))));
    }

    @Test
    void pcrReadSelectsOnePcrOfOneBankInThreeBitmapBytes() {
        // Part 3, 22.4: TPML_PCR_SELECTION {1, {TPM_ALG_SHA256, sizeofSelect 3, bit 9 = byte 1, bit 1}}.
        assertArrayEquals(hex("8001 00000014 0000017e 00000001 000b 03 000200"),
                TpmCommands.pcrRead(9, TpmAlgorithm.SHA256));
        assertArrayEquals(hex("8001 00000014 0000017e 00000001 000c 03 010000"),
                TpmCommands.pcrRead(0, TpmAlgorithm.SHA384));
        assertArrayEquals(hex("8001 00000014 0000017e 00000001 0004 03 000080"),
                TpmCommands.pcrRead(23, TpmAlgorithm.SHA1));
    }

    @Test
    void onlyPcrsZeroToTwentyThreeExist() {
        assertThrows(IllegalArgumentException.class, () -> TpmCommands.pcrRead(24, TpmAlgorithm.SHA256));
        assertThrows(IllegalArgumentException.class, () -> TpmCommands.pcrRead(-1, TpmAlgorithm.SHA256));
        assertThrows(IllegalArgumentException.class, () -> TpmCommands.pcrExtend(24, List.of()));
    }

    @Test
    void aDigestMustHaveItsAlgorithmsSize() {
        assertThrows(IllegalArgumentException.class, () -> new Digest(TpmAlgorithm.SHA256, new byte[20]));
    }
}
