package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** module_path split into directories, and the hand-written trailing-slash trim against the regex it replaced. */
class ModulePathTest {
    @Test
    void directoriesAreSplitTrimmedAndDeduplicatedInOrder() {
        assertEquals(List.of("/boot/kernel", "/boot/modules", "/boot/dtb"), ModulePath.directories(ModulePath.DEFAULT));
        assertEquals(List.of("/boot/kernel", "/", "/boot/modules"),
                ModulePath.directories(";/boot/kernel//;/;;///;/boot/modules/;/boot/kernel"));
        assertEquals(List.of(), ModulePath.directories(""));
    }

    /** Each case: a directory and what the trim leaves of it. */
    @Test
    void trailingSlashesGoButOneStaysAtTheStartOrAfterALineTerminator() {
        String[][] cases = {
            {"/boot/kernel///", "/boot/kernel"}, {"/", "/"}, {"///", "/"}, {"a/", "a"}, {"", ""}, {"/a/b", "/a/b"},
            // As regex $ did: one final line terminator (or \r\n) after the slashes is skipped and kept.
            {"a//\n", "a\n"}, {"a/\r\n", "a\r\n"}, {"a/\n\n", "a/\n\n"},
            // As regex (?<=.) did: a slash right after a line terminator cannot start the match.
            {"\n//", "\n/"}, {"\u2028/", "\u2028/"}, {"a//\n/", "a//\n/"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], ModulePath.withoutTrailingSlashes(c[0]), c[0]);
        }
    }

    /** Seeded: every string over the characters that matter trims exactly as the regex did. */
    @Test
    void agreesWithTheRegexOnRandomStrings() {
        char[] alphabet = {'/', '/', '/', 'a', '\n', '\r', '\u0085', '\u2028', '\u2029', '\t', '\uD83D', '\uDE00'};
        Random random = new Random(12);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String dir = s.toString();
            assertEquals(dir.replaceFirst("(?<=.)/+$", ""), ModulePath.withoutTrailingSlashes(dir),
                    () -> "for " + dir.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }
}
