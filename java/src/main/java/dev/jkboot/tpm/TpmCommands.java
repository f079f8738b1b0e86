package dev.jkboot.tpm;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The TPM 2.0 commands jkboot sends, marshalled as TPM 2.0 Library Part 3 lays them out (all
 * integers big-endian): a 10-byte header ({@code tag, commandSize, commandCode}), the handles, the
 * authorization area when the tag says there is one, then the parameters.
 */
public final class TpmCommands {
    public static final short TPM_ST_NO_SESSIONS = (short) 0x8001;
    public static final short TPM_ST_SESSIONS = (short) 0x8002;
    public static final int TPM_CC_PCR_EXTEND = 0x00000182;
    public static final int TPM_CC_GET_CAPABILITY = 0x0000017A;
    public static final int TPM_CC_PCR_READ = 0x0000017E;
    public static final int TPM_CAP_PCRS = 0x00000005;
    /** The password session handle: authorization by a plain (here empty) password, no HMAC. */
    public static final int TPM_RS_PW = 0x40000009;
    /** PCRs 0-23, the PC Client profile's set: three bytes of selection bits. */
    public static final int PCR_SELECT_BYTES = 3;
    public static final int PCR_COUNT = 8 * PCR_SELECT_BYTES;
    /** The most banks a TPM can have (one per hash algorithm it knows); asked for all at once. */
    static final int MAX_BANKS = 16;
    static final int HEADER_SIZE = 10;
    /** TPMS_AUTH_COMMAND for TPM_RS_PW with an empty password: handle, empty nonce, attributes, empty hmac. */
    private static final int PASSWORD_AUTH_SIZE = 4 + 2 + 1 + 2;

    private TpmCommands() {}

    /** TPM2_GetCapability(TPM_CAP_PCRS): the banks allocated and the PCRs active in each. */
    public static byte[] getCapabilityPcrs() {
        ByteBuffer b = command(TPM_ST_NO_SESSIONS, HEADER_SIZE + 12, TPM_CC_GET_CAPABILITY);
        b.putInt(TPM_CAP_PCRS).putInt(0).putInt(MAX_BANKS);
        return b.array();
    }

    /**
     * TPM2_PCR_Extend: {@code pcr} extended in every bank listed, with the owner's empty password.
     * The PCRs 0-15 need no other authorization (their authValue is the Empty Buffer by default).
     */
    public static byte[] pcrExtend(int pcr, List<Digest> digests) {
        requirePcr(pcr);
        int size = HEADER_SIZE + 4 + 4 + PASSWORD_AUTH_SIZE + 4;
        for (Digest d : digests) {
            size += 2 + d.bytes().length;
        }
        ByteBuffer b = command(TPM_ST_SESSIONS, size, TPM_CC_PCR_EXTEND);
        b.putInt(pcr);
        b.putInt(PASSWORD_AUTH_SIZE).putInt(TPM_RS_PW).putShort((short) 0).put((byte) 0).putShort((short) 0);
        b.putInt(digests.size());
        for (Digest d : digests) {
            b.putShort((short) d.algorithm().id()).put(d.bytes());
        }
        return b.array();
    }

    /** TPM2_PCR_Read of one PCR in one bank. */
    public static byte[] pcrRead(int pcr, TpmAlgorithm bank) {
        requirePcr(pcr);
        ByteBuffer b = command(TPM_ST_NO_SESSIONS, HEADER_SIZE + 4 + 2 + 1 + PCR_SELECT_BYTES, TPM_CC_PCR_READ);
        b.putInt(1).putShort((short) bank.id()).put((byte) PCR_SELECT_BYTES);
        byte[] select = new byte[PCR_SELECT_BYTES];
        select[pcr / 8] = (byte) (1 << (pcr % 8));
        b.put(select);
        return b.array();
    }

    private static ByteBuffer command(short tag, int size, int code) {
        return ByteBuffer.allocate(size).putShort(tag).putInt(size).putInt(code);
    }

    private static void requirePcr(int pcr) {
        if (pcr < 0 || pcr >= PCR_COUNT) {
            throw new IllegalArgumentException("PCR " + pcr + " is not one of 0-" + (PCR_COUNT - 1));
        }
    }
}
