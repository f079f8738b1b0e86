package dev.jkboot.tpm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TPM's answers (TPM 2.0 Library Part 3: {@code tag, responseSize, responseCode}, then
 * the command's output). The bytes come from a device, so every length is checked against what
 * arrived before it is used, and anything malformed is a {@link TpmException}.
 */
public final class TpmResponses {
    private TpmResponses() {}

    /** The banks of TPM2_GetCapability(TPM_CAP_PCRS) with at least one PCR allocated, as TPM_ALG_IDs. */
    public static List<Integer> activeBanks(byte[] response) throws TpmException {
        Cursor c = success("TPM2_GetCapability", response);
        c.u8();
        int capability = c.u32();
        if (capability != TpmCommands.TPM_CAP_PCRS) {
            throw c.malformed("capability 0x%x instead of TPM_CAP_PCRS".formatted(capability));
        }
        int count = c.count(3);
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int alg = c.u16();
            byte[] select = c.bytes(c.u8());
            if (anySet(select)) {
                active.add(alg);
            }
        }
        return active;
    }

    /** Checks TPM2_PCR_Extend's answer. */
    public static void extended(byte[] response) throws TpmException {
        success("TPM2_PCR_Extend", response);
    }

    /** The value of {@code pcr} in {@code bank} from TPM2_PCR_Read's answer. */
    public static byte[] pcrValue(byte[] response, int pcr, TpmAlgorithm bank) throws TpmException {
        Cursor c = success("TPM2_PCR_Read", response);
        c.u32();
        int banks = c.count(3);
        boolean selected = false;
        for (int i = 0; i < banks; i++) {
            int alg = c.u16();
            byte[] select = c.bytes(c.u8());
            selected |= alg == bank.id() && pcr / 8 < select.length && (select[pcr / 8] & (1 << (pcr % 8))) != 0;
        }
        int digests = c.count(2);
        if (!selected || digests != 1) {
            throw new TpmException("the TPM has no PCR %d in its %s bank".formatted(pcr, bank.label()),
                    "check the TPM's PCR allocation (tpm2_getcap pcrs)");
        }
        byte[] value = c.bytes(c.u16());
        if (value.length != bank.digestSize()) {
            throw c.malformed("a %s PCR of %d bytes".formatted(bank.label(), value.length));
        }
        return value;
    }

    /** The header checked: the size is the size received, and the response code is success. */
    private static Cursor success(String command, byte[] response) throws TpmException {
        Cursor c = new Cursor(command, response);
        int tag = c.u16();
        long size = c.u32() & 0xFFFFFFFFL;
        int rc = c.u32();
        if ((tag != (TpmCommands.TPM_ST_NO_SESSIONS & 0xFFFF) && tag != (TpmCommands.TPM_ST_SESSIONS & 0xFFFF))
                || size != response.length) {
            throw c.malformed("tag 0x%04x and size %d for %d bytes received".formatted(tag, size, response.length));
        }
        if (rc != 0) {
            throw new TpmException("the TPM refused %s: %s".formatted(command, TpmResponseCode.describe(rc)),
                    TpmResponseCode.fix(rc));
        }
        return c;
    }

    private static boolean anySet(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /** A bounds-checked big-endian reader over one response. */
    private static final class Cursor {
        private final String command;
        private final ByteBuffer in;

        Cursor(String command, byte[] bytes) {
            this.command = command;
            this.in = ByteBuffer.wrap(bytes);
        }

        int u8() throws TpmException {
            need(1);
            return in.get() & 0xFF;
        }

        int u16() throws TpmException {
            need(2);
            return in.getShort() & 0xFFFF;
        }

        int u32() throws TpmException {
            need(4);
            return in.getInt();
        }

        byte[] bytes(int n) throws TpmException {
            need(n);
            byte[] out = new byte[n];
            in.get(out);
            return out;
        }

        /** A list's count, refused when even entries of {@code minEntrySize} bytes would not fit what is left. */
        int count(int minEntrySize) throws TpmException {
            long n = u32() & 0xFFFFFFFFL;
            if (n * minEntrySize > in.remaining()) {
                throw malformed("a list of %d entries in %d bytes".formatted(n, in.remaining()));
            }
            return (int) n;
        }

        private void need(int n) throws TpmException {
            if (in.remaining() < n) {
                throw malformed("the answer ends at byte %d, %d bytes short".formatted(in.limit(), n - in.remaining()));
            }
        }

        TpmException malformed(String why) {
            return new TpmException("the TPM's answer to %s does not parse: %s".formatted(command, why),
                    "check the TPM device (a TPM 2.0, not 1.2?) and Linux's TPM driver messages (dmesg)");
        }
    }
}
