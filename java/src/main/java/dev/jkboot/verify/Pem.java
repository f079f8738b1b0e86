package dev.jkboot.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The PEM blocks of a text ({@code -----BEGIN LABEL-----}, base64, {@code -----END LABEL-----}),
 * as BearSSL's decoder that libsecureboot uses reads them (lib/libsecureboot/brf.c): text outside
 * blocks is ignored, a block without its end line is an error.
 */
record Pem(String label, byte[] der) {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** @throws VerifyException naming {@code name} when a block is cut short or not base64 */
    static List<Pem> parse(String name, byte[] text) throws VerifyException {
        List<Pem> blocks = new ArrayList<>();
        String label = null;
        StringBuilder body = new StringBuilder();
        for (String raw : new String(text, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + 5) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    body.setLength(0);
                }
            } else if (line.startsWith(END)) {
                if (!line.equals(END + label + DASHES)) {
                    throw new VerifyException("%s: the PEM block %s ends with '%s'".formatted(name, label, line),
                            "the file is damaged; make it again");
                }
                blocks.add(new Pem(label, decode(name, label, body)));
                label = null;
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new VerifyException("%s is truncated: its PEM block %s has no end line".formatted(name, label),
                    "the file is damaged or was cut short; copy or make it again");
        }
        return blocks;
    }

    private static byte[] decode(String name, String label, CharSequence body) throws VerifyException {
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw new VerifyException("%s: the PEM block %s is not valid base64 (%s)".formatted(name, label,
                    e.getMessage()), "the file is damaged; make it again");
        }
    }
}
