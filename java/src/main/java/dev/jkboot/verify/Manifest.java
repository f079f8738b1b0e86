package dev.jkboot.verify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A verified veriexec manifest: lines of "PATH FINGERPRINT [FLAGS...]" with PATH relative to the
 * manifest's directory, as libsecureboot reads them (lib/libsecureboot/veopen.c): an entry is a
 * line that starts with the path followed by a blank; what follows the blanks is the fingerprint
 * ({@code sha256=HEX}, ...). Lines matching no lookup (comments, flags) are ignored.
 *
 * @param path where the manifest is, as the boot files name it ("/boot/manifest")
 * @param directory the directory its entries are relative to ("/boot")
 * @param signer who signed it, for messages
 */
record Manifest(String path, String directory, String text, String signer) {
    /** Larger than a manifest of every file in a FreeBSD /boot; a bound on what jkboot holds in memory. */
    static final long MAX_BYTES = 16L << 20;

    static Manifest of(String path, byte[] bytes, String signer) {
        return new Manifest(path, Paths.parent(path), new String(bytes, StandardCharsets.ISO_8859_1), signer);
    }

    /**
     * The fingerprint field of {@code file} (an absolute path) if this manifest has an entry for it:
     * the file must lie under {@link #directory}.
     */
    Optional<String> fingerprintOf(String file) {
        String prefix = directory.equals("/") ? "/" : directory + "/";
        if (!file.startsWith(prefix) || file.length() == prefix.length()) {
            return Optional.empty();
        }
        String name = file.substring(prefix.length());
        for (int at = 0; at < text.length(); ) {
            int end = text.indexOf('\n', at);
            String line = text.substring(at, end < 0 ? text.length() : end);
            if (line.startsWith(name) && line.length() > name.length() && line.charAt(name.length()) == ' ') {
                String rest = line.substring(name.length()).stripLeading();
                int blank = rest.indexOf(' ');
                return Optional.of(blank < 0 ? rest : rest.substring(0, blank));
            }
            at = end < 0 ? text.length() : end + 1;
        }
        return Optional.empty();
    }
}
