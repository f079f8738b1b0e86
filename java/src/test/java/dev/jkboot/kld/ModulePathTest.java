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

    @Test
    void trailingSlashesGoButALoneLeadingOneStays() {
        assertEquals("/boot/kernel", ModulePath.withoutTrailingSlashes("/boot/kernel///"));
        assertEquals("/", ModulePath.withoutTrailingSlashes("/"));
        assertEquals("/", ModulePath.withoutTrailingSlashes("///"));
        assertEquals("a", ModulePath.withoutTrailingSlashes("a/"));
        assertEquals("", ModulePath.withoutTrailingSlashes(""));
        assertEquals("/a/b", ModulePath.withoutTrailingSlashes("/a/b"));
        assertEquals("a//\n/", ModulePath.withoutTrailingSlashes("a//\n/"), "a lone slash after a line terminator stays");
    }

    @Test
    void lineTerminatorsAreTreatedAsTheRegexTreatedThem() {
        assertEquals("a\n", ModulePath.withoutTrailingSlashes("a//\n"));
        assertEquals("a\r\n", ModulePath.withoutTrailingSlashes("a/\r\n"));
        assertEquals("a/\n\n", ModulePath.withoutTrailingSlashes("a/\n\n"));
        assertEquals("\n/", ModulePath.withoutTrailingSlashes("\n//"));
        assertEquals("\u2028/", ModulePath.withoutTrailingSlashes("\u2028/"));
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
