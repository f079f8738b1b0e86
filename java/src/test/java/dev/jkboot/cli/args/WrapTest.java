package dev.jkboot.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {
    @Test
    void breaksAtSpacesWithinTheWidth() {
        assertEquals(List.of("aa bb", "cc dd", "ee"), Wrap.lines("aa bb cc dd ee", 5, 5));
    }

    @Test
    void theFirstLineMayBeNarrower() {
        assertEquals(List.of("aa", "bb cc dd"), Wrap.lines("aa bb cc dd", 4, 8));
    }

    @Test
    void aWordLongerThanALineStandsAlone() {
        assertEquals(List.of("a", "/boot/loader.conf.d/*.conf", "b"), Wrap.lines("a /boot/loader.conf.d/*.conf b", 5, 5));
    }

    @Test
    void extraSpacesAndEmptyText() {
        assertEquals(List.of("a b"), Wrap.lines("  a   b  ", 10, 10));
        assertEquals(List.of(""), Wrap.lines("", 10, 10));
    }
}
