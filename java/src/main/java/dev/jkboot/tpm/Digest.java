package dev.jkboot.tpm;

import java.util.Arrays;
import java.util.HexFormat;

/** One digest in one algorithm (a TPMT_HA). */
public record Digest(TpmAlgorithm algorithm, byte[] bytes) {
    public Digest {
        if (bytes.length != algorithm.digestSize()) {
            throw new IllegalArgumentException(algorithm.label() + " digest of " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && d.algorithm == algorithm && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return algorithm.label() + ":" + hex();
    }
}
