package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answers, hand-made from TPM 2.0 Library Part 3, and every way a device could mangle them. */
class TpmResponsesTest {
    /** moreData NO, TPM_CAP_PCRS, four banks: sha1 with no PCR allocated, sha256 all, sha384 one, sm3 all. */
    private static final byte[] CAPABILITY = hex("8001 00000033 00000000 00 00000005 00000004"
            + "0004 03 000000" + "000b 03 ffffff" + "000c 03 000100" + "0012 03 ffffff");
    private static final byte[] READ = hex("8001 0000003e 00000000 00000011 00000001 000b 03 000200 00000001 0020"
            + "ab".repeat(32));

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] resized(byte[] response) {
        byte[] copy = response.clone();
        java.nio.ByteBuffer.wrap(copy).putInt(2, copy.length);
        return copy;
    }

    @Test
    void activeBanksAreThoseWithAPcrSelected() throws TpmException {
        assertEquals(List.of(0x000B, 0x000C, 0x0012), TpmResponses.activeBanks(resized(CAPABILITY)));
    }

    @Test
    void aPcrValueIsTheOneDigestOfTheSelectedBank() throws TpmException {
        assertArrayEquals(hex("ab".repeat(32)), TpmResponses.pcrValue(READ, 9, TpmAlgorithm.SHA256));
    }

    @Test
    void aPcrTheTpmDidNotSelectIsRefused() {
        byte[] noPcr = hex("8001 0000001c 00000000 00000011 00000001 000b 03 000000 00000000");
        TpmException e = assertThrows(TpmException.class, () -> TpmResponses.pcrValue(noPcr, 9, TpmAlgorithm.SHA256));
        assertTrue(e.getMessage().contains("no PCR 9 in its sha256 bank"), e.getMessage());
        assertThrows(TpmException.class, () -> TpmResponses.pcrValue(READ, 8, TpmAlgorithm.SHA256));
        assertThrows(TpmException.class, () -> TpmResponses.pcrValue(READ, 9, TpmAlgorithm.SHA1));
    }

    @Test
    void aPcrValueOfTheWrongSizeIsRefused() {
        byte[] shortValue = hex("8001 0000003d 00000000 00000011 00000001 000b 03 000200 00000001 001f"
                + "ab".repeat(31));
        assertThrows(TpmException.class, () -> TpmResponses.pcrValue(shortValue, 9, TpmAlgorithm.SHA256));
    }

    @Test
    void anErrorCodeIsNamed() {
        TpmException init = assertThrows(TpmException.class,
                () -> TpmResponses.extended(hex("8001 0000000a 00000100")));
        assertEquals("the TPM refused TPM2_PCR_Extend: TPM_RC 0x100 (TPM_RC_INITIALIZE: TPM2_Startup was not sent)",
                init.getMessage());
        assertTrue(init.fix().contains("TPM2_Startup"));
        // Format one: TPM_RC_HASH (0x083) for parameter 1 (0x100): the parameter bits do not hide the name.
        TpmException hash = assertThrows(TpmException.class,
                () -> TpmResponses.extended(hex("8001 0000000a 000001c3")));
        assertTrue(hash.getMessage().endsWith("TPM_RC 0x1c3 (TPM_RC_HASH: the TPM does not know a hash algorithm)"),
                hash.getMessage());
        TpmException unknown = assertThrows(TpmException.class,
                () -> TpmResponses.extended(hex("8001 0000000a 00000177")));
        assertTrue(unknown.getMessage().endsWith("TPM_RC 0x177"), unknown.getMessage());
    }

    @Test
    void extendSucceedsOnASessionResponse() throws TpmException {
        TpmResponses.extended(hex("8002 00000013 00000000 00000000 0000 01 0000"));
    }

    @Test
    void everyTruncationIsRefused() {
        for (byte[] good : List.of(resized(CAPABILITY), READ)) {
            for (int n = 0; n < good.length; n++) {
                byte[] cut = Arrays.copyOf(good, n);
                assertThrows(TpmException.class, () -> TpmResponses.activeBanks(cut), "cut at " + n);
                assertThrows(TpmException.class, () -> TpmResponses.pcrValue(cut, 9, TpmAlgorithm.SHA256));
                byte[] cutButSized = resized(cut.length >= 10 ? cut : Arrays.copyOf(good, 10));
                if (cutButSized.length < good.length) {
                    assertThrows(TpmException.class, () -> TpmResponses.activeBanks(cutButSized), "sized " + n);
                    assertThrows(TpmException.class, () -> TpmResponses.pcrValue(cutButSized, 9, TpmAlgorithm.SHA256));
                }
            }
        }
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingIsAllocated() {
        byte[] huge = hex("8001 00000017 00000000 00 00000005 7fffffff 0004 03 ff");
        TpmException e = assertThrows(TpmException.class, () -> TpmResponses.activeBanks(huge));
        assertTrue(e.getMessage().contains("2147483647 entries"), e.getMessage());
    }

    @Test
    void anotherCapabilityOrTagIsRefused() {
        byte[] handles = resized(CAPABILITY);
        handles[14] = 1;
        assertThrows(TpmException.class, () -> TpmResponses.activeBanks(handles));
        byte[] tag = resized(CAPABILITY);
        tag[0] = 0x00;
        tag[1] = (byte) 0xC4; // a TPM 1.2 TPM_TAG_RSP_COMMAND
        assertThrows(TpmException.class, () -> TpmResponses.activeBanks(tag));
    }

    /** Seeded random damage: every answer either parses or is a TpmException, never anything else. */
    @Test
    void fuzzedAnswersFailOnlyWithTpmException() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] base = (i % 2 == 0 ? resized(CAPABILITY) : READ).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                base[random.nextInt(base.length)] = (byte) random.nextInt(256);
            }
            byte[] bytes = random.nextBoolean() ? base : Arrays.copyOf(base, random.nextInt(base.length + 8));
            try {
                TpmResponses.activeBanks(bytes);
            } catch (TpmException expected) {
                // refused cleanly
            }
            try {
                TpmResponses.pcrValue(bytes, 9, TpmAlgorithm.SHA256);
            } catch (TpmException expected) {
                // refused cleanly
            }
        }
    }
}
