package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueExpansionTest {
    private static final Map<String, String> VARS = Map.of("a", "AA", "x.y", "XY", "kernel", "kernel.old");

    private static String value(String raw) {
        ValueExpansion.Result r = ValueExpansion.expand(raw, VARS::get);
        assertTrue(r instanceof ValueExpansion.Result.Value, () -> "expected a value for " + raw + ", got " + r);
        return ((ValueExpansion.Result.Value) r).text();
    }

    private static String error(String raw) {
        ValueExpansion.Result r = ValueExpansion.expand(raw, VARS::get);
        assertTrue(r instanceof ValueExpansion.Result.Error, () -> "expected an error for " + raw + ", got " + r);
        return ((ValueExpansion.Result.Error) r).reason();
    }

    @Test
    void plainTextIsUnchanged() {
        assertEquals("ufs:/dev/vtbd0p2", value("ufs:/dev/vtbd0p2"));
        assertEquals("", value(""));
    }

    @Test
    void backslashTakesTheNextCharacterLiterally() {
        assertEquals("\\", value("\\\\"));
        assertEquals("$a", value("\\$a"));
        assertEquals("n", value("\\n"));
        assertEquals("${interpret}", value("\\${interpret}"));
    }

    @Test
    void variablesExpandBareAndBraced() {
        assertEquals("AA", value("$a"));
        assertEquals("AA/b", value("$a/b"));
        assertEquals("AAb", value("${a}b"));
        assertEquals("XY", value("$x.y"));
        assertEquals("/boot/kernel.old;/boot/modules", value("/boot/${kernel};/boot/modules"));
    }

    @Test
    void unsetVariablesExpandToNothing() {
        assertEquals("[]", value("[$nope]"));
        assertEquals("[]", value("[${nope}]"));
    }

    @Test
    void malformedExpressionsAreErrorsWithThePosition() {
        assertEquals("stray \\ at the end of the value", error("abc\\"));
        assertEquals("unescaped $ at the end of the value (write \\$ for a dollar sign)", error("abc$"));
        assertEquals("malformed variable expression at position 2", error("a$!"));
        assertEquals("malformed variable expression at position 1", error("${}"));
        assertEquals("malformed variable expression at position 1", error("${a"));
        assertEquals("malformed variable expression at position 1", error("$_a"));
    }
}
