package dev.jkboot.tpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The TCG crypto-agile event log format (TCG PC Client Platform Firmware Profile, 10.4.5; what
 * Linux exposes as binary_bios_measurements and tpm2_eventlog reads). Unlike TPM commands, the
 * log is little-endian. It starts with one SHA-1-format TCG_PCClientPCREvent of type EV_NO_ACTION
 * whose data is the "Spec ID Event03" structure listing the digest sizes used; every later entry
 * is a TCG_PCR_EVENT2 carrying one digest per bank.
 */
public final class EventLog {
    public static final int EV_NO_ACTION = 0x00000003;
    private static final byte[] SPEC_ID_SIGNATURE = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    /** TCG_EfiSpecIdEvent.platformClass: 0 for a client platform. */
    private static final int PLATFORM_CLASS_CLIENT = 0;
    /** The spec version the structure claims: 2.0, errata 0. */
    private static final byte SPEC_MAJOR = 2;
    /** uintnSize: 2 means UINTN is 64 bits (aarch64). */
    private static final byte UINTN_64 = 2;

    private EventLog() {}

    /** The log's first entry, naming the banks whose digests every later entry carries. */
    public static byte[] header(List<TpmAlgorithm> banks) {
        int dataSize = SPEC_ID_SIGNATURE.length + 4 + 4 + 4 + banks.size() * 4 + 1;
        ByteBuffer b = little(4 + 4 + 20 + 4 + dataSize);
        b.putInt(0).putInt(EV_NO_ACTION).put(new byte[20]).putInt(dataSize);
        b.put(SPEC_ID_SIGNATURE).putInt(PLATFORM_CLASS_CLIENT);
        b.put((byte) 0).put(SPEC_MAJOR).put((byte) 0).put(UINTN_64);
        b.putInt(banks.size());
        for (TpmAlgorithm a : banks) {
            b.putShort((short) a.id()).putShort((short) a.digestSize());
        }
        b.put((byte) 0);
        return b.array();
    }

    /** One TCG_PCR_EVENT2: the PCR, the event type, the digests extended, the event data. */
    public static byte[] event(int pcr, int eventType, List<Digest> digests, byte[] eventData) {
        int size = 4 + 4 + 4 + 4 + eventData.length;
        for (Digest d : digests) {
            size += 2 + d.algorithm().digestSize();
        }
        ByteBuffer b = little(size);
        b.putInt(pcr).putInt(eventType).putInt(digests.size());
        for (Digest d : digests) {
            b.putShort((short) d.algorithm().id()).put(d.bytes());
        }
        b.putInt(eventData.length).put(eventData);
        return b.array();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
