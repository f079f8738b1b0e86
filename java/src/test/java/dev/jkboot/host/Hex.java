package dev.jkboot.host;

import java.util.HexFormat;

/** Golden bytes spelled out in hex, spaces allowed for readability. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }
}
