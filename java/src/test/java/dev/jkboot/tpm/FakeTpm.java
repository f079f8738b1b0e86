package dev.jkboot.tpm;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TPM 2.0 in memory that understands the three commands measured boot sends, decoded here from
 * Part 3's layouts independently of {@link TpmCommands}, with 24 PCRs per bank and faults to order.
 */
public final class FakeTpm implements TpmTransport {
    /** The banks and their JDK names; PCRs start at zero as after TPM2_Startup(CLEAR). */
    private final Map<Integer, byte[][]> banks = new LinkedHashMap<>();
    private final Map<Integer, String> javaNames = new LinkedHashMap<>();
    public final List<String> commands = new ArrayList<>();
    /** A response code for every PCR_Extend, 0 for success. */
    public int extendResponseCode;
    /** Extends PCR 9 of every bank once more after the first extend, as another program might. */
    public boolean meddle;
    public boolean closed;

    /** A TPM with the sha1 and sha256 banks, as swtpm_setup allocates them by default. */
    public static FakeTpm sha1AndSha256() {
        return new FakeTpm().bank(0x0004, "SHA-1", 20).bank(0x000B, "SHA-256", 32);
    }

    public FakeTpm bank(int alg, String javaName, int size) {
        banks.put(alg, new byte[24][size]);
        javaNames.put(alg, javaName);
        return this;
    }

    public byte[] pcr(int alg, int index) {
        return banks.get(alg)[index].clone();
    }

    @Override
    public String name() {
        return "/dev/faketpm";
    }

    @Override
    public byte[] transact(byte[] command) {
        ByteBuffer in = ByteBuffer.wrap(command);
        int tag = in.getShort() & 0xFFFF;
        int size = in.getInt();
        int code = in.getInt();
        if (size != command.length) {
            return header(0x8001, 0x095, 10).array(); // TPM_RC_COMMAND_SIZE
        }
        switch (code) {
            case 0x17A -> {
                commands.add("GetCapability");
                return capability();
            }
            case 0x17E -> {
                commands.add("PCR_Read");
                return read(in);
            }
            case 0x182 -> {
                commands.add("PCR_Extend");
                if (tag != 0x8002) {
                    return header(0x8001, 0x01E, 10).array(); // TPM_RC_BAD_TAG
                }
                return extend(in);
            }
            default -> {
                return header(0x8001, 0x143, 10).array();
            }
        }
    }

    private byte[] capability() {
        int size = 10 + 1 + 4 + 4 + banks.size() * 6;
        ByteBuffer b = header(0x8001, 0, size);
        b.put((byte) 0).putInt(5).putInt(banks.size());
        for (int alg : banks.keySet()) {
            b.putShort((short) alg).put((byte) 3).put(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        }
        return b.array();
    }

    private byte[] read(ByteBuffer in) {
        in.getInt();
        int alg = in.getShort() & 0xFFFF;
        in.get();
        byte[] select = new byte[3];
        in.get(select);
        int pcr = Integer.numberOfTrailingZeros((select[0] & 0xFF) | (select[1] & 0xFF) << 8 | (select[2] & 0xFF) << 16);
        byte[] value = banks.get(alg)[pcr];
        ByteBuffer b = header(0x8001, 0, 10 + 4 + 4 + 6 + 4 + 2 + value.length);
        b.putInt(7).putInt(1).putShort((short) alg).put((byte) 3).put(select).putInt(1)
                .putShort((short) value.length).put(value);
        return b.array();
    }

    private byte[] extend(ByteBuffer in) {
        int pcr = in.getInt();
        int authSize = in.getInt();
        if (authSize != 9 || in.getInt() != 0x40000009) {
            return header(0x8001, 0x98E, 10).array(); // TPM_RC_AUTH_FAIL, session 1
        }
        in.position(in.position() + authSize - 4);
        if (extendResponseCode != 0) {
            return header(0x8001, extendResponseCode, 10).array();
        }
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            int alg = in.getShort() & 0xFFFF;
            byte[][] bank = banks.get(alg);
            byte[] digest = new byte[bank[pcr].length];
            in.get(digest);
            bank[pcr] = hash(alg, bank[pcr], digest);
        }
        if (meddle) {
            meddle = false;
            banks.forEach((alg, bank) -> bank[9] = hash(alg, bank[9], new byte[bank[9].length]));
        }
        ByteBuffer b = header(0x8002, 0, 10 + 4 + 5);
        b.putInt(0).putShort((short) 0).put((byte) 1).putShort((short) 0);
        return b.array();
    }

    private byte[] hash(int alg, byte[] before, byte[] digest) {
        try {
            MessageDigest md = MessageDigest.getInstance(javaNames.get(alg));
            md.update(before);
            return md.digest(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer header(int tag, int rc, int size) {
        return ByteBuffer.allocate(size).putShort((short) tag).putInt(size).putInt(rc);
    }

    /** All PCRs of every bank, to compare two TPMs. */
    public String dump() {
        StringBuilder s = new StringBuilder();
        banks.forEach((alg, bank) -> s.append(alg).append(Arrays.deepToString(bank)));
        return s.toString();
    }

    @Override
    public void close() {
        closed = true;
    }
}
