package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The /proc and /sys line parsers are written by hand (issue 12: a regex costs start-up time under
 * emulation); java.util.regex, with the patterns they replaced, is the oracle: on random lines
 * built from the characters that matter, each accepts exactly what its pattern matches.
 */
class HandParsersMatchRegexesTest {
    private static final int CASES = 20_000;
    private final Random random = new Random(12);

    /** A line from {@code pieces}, one to {@code most} of them. */
    private String line(List<String> pieces, int most) {
        StringBuilder b = new StringBuilder();
        for (int n = 1 + random.nextInt(most); n > 0; n--) {
            b.append(pieces.get(random.nextInt(pieces.size())));
        }
        return b.toString();
    }

    private static boolean refused(ThrowingCheck check, String malformed) {
        try {
            check.run();
            return false;
        } catch (HostException e) {
            return e.getMessage().contains(malformed);
        }
    }

    private interface ThrowingCheck {
        void run() throws HostException;
    }

    /** A parser of one line: whether it refused the line as malformed. */
    private interface LineCheck {
        boolean refuses(String line);
    }

    /** On random lines of {@code pieces}, {@code parser} refuses exactly what {@code oracle} does not match. */
    private void sameAcceptance(Pattern oracle, List<String> pieces, int most, LineCheck parser) {
        for (int i = 0; i < CASES; i++) {
            String line = line(pieces, most);
            assertEquals(!oracle.matcher(line).matches(), parser.refuses(line), "\"" + line + "\"");
        }
    }

    @Test
    void meminfoLines() {
        sameAcceptance(Pattern.compile("([A-Za-z0-9_()]+):\\s+(\\d{1,18})( kB)?"),
                Arrays.asList("Mem", "Total", "(anon)", "_", "-", ":", " ", "\t", "  ", "0", "7", "12345678",
                        "123456789012", " kB", "kB", " MB", "x", "\u0663"),
                8, line -> refused(() -> Meminfo.parse(line + "\n", "m"), "is not NAME: NUMBER [kB]"));
    }

    @Test
    void uidAndCapEffLines() {
        Pattern uid = Pattern.compile("Uid:\\s+(\\d{1,10})\\s+(\\d{1,10})\\s+\\d{1,10}\\s+\\d{1,10}");
        Pattern capEff = Pattern.compile("CapEff:\\s+([0-9a-fA-F]{1,16})");
        List<String> pieces = Arrays.asList(" ", "\t", "0", "1000", "12345", "99999999999", "fF", "a", "g", "-",
                "0000003fffffffff", "\u0663");
        for (int i = 0; i < CASES; i++) {
            String tail = line(pieces, 9);
            String uidLine = "Uid:" + tail;
            assertEquals(!uid.matcher(uidLine).matches(),
                    refused(() -> Credentials.parse(uidLine + "\nCapEff:\t0\n", "s"), "is not Uid:"), uidLine);
            String capLine = "CapEff:" + tail;
            assertEquals(!capEff.matcher(capLine).matches(),
                    refused(() -> Credentials.parse("Uid:\t0\t0\t0\t0\n" + capLine + "\n", "s"), "is not CapEff:"),
                    capLine);
        }
    }

    @Test
    void systabLines() {
        sameAcceptance(Pattern.compile("([A-Z][A-Z0-9_]*)=0x([0-9a-fA-F]{1,16})"),
                Arrays.asList("ACPI", "20", "SMBIOS", "3", "_", "a", "=", "0x", "0X", "=0x", "7b5e0000",
                        "fFfFfFfFfFfFfFfF", "1", " ", "g"),
                7, line -> refused(() -> EfiSystab.parse(line + "\n", "t"), "is not KEY=0xADDRESS"));
    }

    @Test
    void machineNames() {
        Pattern oracle = Pattern.compile("[a-z][a-z0-9_]{0,31}");
        List<String> pieces = Arrays.asList("aarch", "64", "x86_64", "_", "A", "-", "riscv", "0123456789abcdef", "z");
        for (int i = 0; i < CASES; i++) {
            String name = line(pieces, 6);
            LineScanner scan = new LineScanner(name);
            boolean accepted = scan.name("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789_", 32)
                    != null && scan.atEnd();
            assertEquals(oracle.matcher(name).matches(), accepted, name);
        }
    }

    @Test
    void wordsAreWhatStripAndSplitGive() {
        List<String> pieces = Arrays.asList("none", "[integrity]", "confidentiality", " ", "\t", "\n", "  ");
        for (int i = 0; i < CASES; i++) {
            String text = random.nextInt(20) == 0 ? " \t\n" : line(pieces, 7);
            assertEquals(List.of(text.strip().split("\\s+")), TextLines.words(text), "\"" + text + "\"");
        }
    }
}
