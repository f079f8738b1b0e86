package dev.jkboot.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether and how strictly this boot verifies, and against which anchors. The level is the highest
 * of: REQUIRE when trust anchors are installed (as FreeBSD's loader verifies once it has any), the
 * word in the image's {@link #IMAGE_FILE}, {@code jkboot.verify=WORD} on the kernel command line and
 * {@code --verify WORD} on jkboot's; none of them can lower what another asks for.
 *
 * @param reasons what raised the level, for messages and probe ("trust anchors installed", ...)
 */
public record VerifyPolicy(VerifyLevel level, TrustAnchors anchors, List<String> reasons) {
    /** The image's own policy: one word, "require" or "strict". */
    public static final String IMAGE_FILE = "/etc/jkboot/verify";
    /** The kernel command-line parameter. */
    public static final String PARAMETER = "jkboot.verify";

    public VerifyPolicy {
        reasons = List.copyOf(reasons);
    }

    public static VerifyPolicy off() {
        return new VerifyPolicy(VerifyLevel.OFF, TrustAnchors.none(), List.of());
    }

    /**
     * @param hostRoot the image's root ("/" when running)
     * @param kernelCommandLine the running Linux's command line, if known
     * @param option the word given to jkboot's {@code --verify}, if any
     */
    public static VerifyPolicy resolve(Path hostRoot, Optional<String> kernelCommandLine, Optional<String> option)
            throws VerifyException {
        TrustAnchors anchors = TrustAnchors.load(hostRoot.resolve(TrustAnchors.DIRECTORY.substring(1)));
        VerifyLevel level = VerifyLevel.OFF;
        List<String> reasons = new ArrayList<>();
        if (!anchors.isEmpty()) {
            level = VerifyLevel.REQUIRE;
            int n = anchors.size();
            reasons.add(n + (n == 1 ? " trust anchor in " : " trust anchors in ") + TrustAnchors.DIRECTORY);
        }
        Path imageFile = hostRoot.resolve(IMAGE_FILE.substring(1));
        if (Files.isRegularFile(imageFile)) {
            level = raise(level, reasons, readWord(imageFile), IMAGE_FILE + " in the image");
        }
        Optional<String> parameter = kernelCommandLine.isPresent() ? parameter(kernelCommandLine.get())
                : Optional.empty();
        if (parameter.isPresent()) {
            level = raise(level, reasons, parameter.get(), PARAMETER + " on the kernel command line");
        }
        if (option.isPresent()) {
            level = raise(level, reasons, option.get(), "--verify on jkboot's command line");
        }
        return new VerifyPolicy(level, anchors, reasons);
    }

    /**
     * The last {@code jkboot.verify=} word of a kernel command line, as Linux's last-wins parameters.
     * Words are split at regex {@code \s} characters by hand, not with a regex: Pattern links
     * lambdas, which cost milliseconds at start-up under emulation (issue 12).
     */
    static Optional<String> parameter(String commandLine) {
        String line = commandLine.trim();
        Optional<String> found = Optional.empty();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || isSpace(line.charAt(i))) {
                String word = line.substring(start, i);
                if (word.startsWith(PARAMETER + "=")) {
                    found = Optional.of(word.substring(PARAMETER.length() + 1));
                }
                start = i + 1;
            }
        }
        return found;
    }

    /** Regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static VerifyLevel raise(VerifyLevel level, List<String> reasons, String word, String where)
            throws VerifyException {
        VerifyLevel asked = VerifyLevel.parse(word, where);
        reasons.add(asked.word() + " by " + where);
        return level.atLeast(asked);
    }

    private static String readWord(Path file) throws VerifyException {
        try {
            if (Files.size(file) > 64) {
                throw new IOException("longer than one word");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new VerifyException("cannot read the image's verification policy " + IMAGE_FILE + ": "
                    + e.getMessage(), "put one word there: 'require' or 'strict'");
        }
    }

    public boolean active() {
        return level != VerifyLevel.OFF;
    }

    /** One line for logs: "verified boot: require (3 trust anchors in /etc/jkboot/trust)". */
    public String describe() {
        return "verified boot: " + level.word() + (reasons.isEmpty() ? " (no trust anchors installed)"
                : " (" + String.join("; ", reasons) + ")");
    }
}
