package dev.jkboot.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenPGP's transport (RFC 4880 sections 4.2 and 6): ASCII armor and the packet framing, for the
 * two packet kinds verified boot reads (signatures, public keys). Binary input (first byte with the
 * tag bit set) is taken as is, as libsecureboot's openpgp_verify does.
 */
final class OpenPgpPackets {
    static final int SIGNATURE = 2;
    static final int PUBLIC_KEY = 6;
    static final int PUBLIC_SUBKEY = 14;

    /** One packet: its tag and body. */
    record Packet(int tag, byte[] body) {}

    private OpenPgpPackets() {}

    /** True when {@code bytes} look like OpenPGP (armored or binary) rather than PEM certificates. */
    static boolean isOpenPgp(byte[] bytes) {
        return (bytes.length > 0 && (bytes[0] & 0x80) != 0)
                || new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN PGP ");
    }

    /** The packets of an armored or binary OpenPGP file. */
    static List<Packet> read(String name, byte[] bytes) throws VerifyException {
        byte[] binary = (bytes.length > 0 && (bytes[0] & 0x80) != 0) ? bytes : dearmor(name, bytes);
        List<Packet> packets = new ArrayList<>();
        int at = 0;
        while (at < binary.length) {
            int header = binary[at++] & 0xff;
            if ((header & 0x80) == 0) {
                throw bad(name, "byte " + (at - 1) + " is not a packet header");
            }
            int tag;
            long length;
            if ((header & 0x40) != 0) {
                tag = header & 0x3f;
                int first = byteAt(name, binary, at++);
                if (first < 192) {
                    length = first;
                } else if (first < 224) {
                    length = ((first - 192) << 8) + byteAt(name, binary, at++) + 192;
                } else if (first == 255) {
                    length = number(name, binary, at, 4);
                    at += 4;
                } else {
                    throw bad(name, "a packet with partial lengths (a stream, not a signature or key)");
                }
            } else {
                tag = (header >> 2) & 0x0f;
                int type = header & 3;
                if (type == 3) {
                    length = binary.length - at;
                } else {
                    int size = 1 << type;
                    length = number(name, binary, at, size);
                    at += size;
                }
            }
            if (length > binary.length - at) {
                throw bad(name, "a packet of %d bytes at %d runs past its end (%d bytes): truncated".formatted(length,
                        at, binary.length));
            }
            byte[] body = new byte[(int) length];
            System.arraycopy(binary, at, body, 0, body.length);
            packets.add(new Packet(tag, body));
            at += body.length;
        }
        return packets;
    }

    /** RFC 4880 6.2: BEGIN line, headers up to an empty line, base64, optional "=" CRC-24, END line. */
    private static byte[] dearmor(String name, byte[] bytes) throws VerifyException {
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].strip().startsWith("-----BEGIN PGP ")) {
            i++;
        }
        if (i == lines.length) {
            throw bad(name, "no '-----BEGIN PGP' line");
        }
        i++;
        while (i < lines.length && !lines[i].strip().isEmpty()) {
            if (lines[i].strip().startsWith("-----END PGP ")) {
                throw bad(name, "no data in the armor");
            }
            i++;
        }
        StringBuilder base64 = new StringBuilder();
        String crc = null;
        for (i++; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("-----END PGP ")) {
                byte[] data = decode(name, base64.toString());
                if (crc != null && !crc.equals(Base64.getEncoder().encodeToString(crc24(data)))) {
                    throw bad(name, "its armor checksum does not match its data: damaged or truncated");
                }
                return data;
            }
            if (line.startsWith("=") && line.length() == 5) {
                crc = line.substring(1);
            } else {
                base64.append(line);
            }
        }
        throw bad(name, "its armor has no END line: truncated");
    }

    private static byte[] decode(String name, String base64) throws VerifyException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw bad(name, "its armor is not valid base64 (" + e.getMessage() + ")");
        }
    }

    /** RFC 4880 6.1. */
    private static byte[] crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xff) << 16;
            for (int k = 0; k < 8; k++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return new byte[] {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
    }

    static int byteAt(String name, byte[] b, int at) throws VerifyException {
        if (at >= b.length) {
            throw bad(name, "it ends inside a packet (at byte " + at + "): truncated");
        }
        return b[at] & 0xff;
    }

    /** A big-endian unsigned number of {@code size} (at most 4) bytes. */
    static long number(String name, byte[] b, int at, int size) throws VerifyException {
        long n = 0;
        for (int k = 0; k < size; k++) {
            n = (n << 8) | byteAt(name, b, at + k);
        }
        return n;
    }

    static VerifyException bad(String name, String why) {
        return new VerifyException(name + " is not a readable OpenPGP file: " + why,
                "make it again with gpg (--armor --detach-sign for signatures, --armor --export for keys)");
    }
}
