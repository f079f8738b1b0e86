package dev.jkboot.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> OPTIONS = List.of("--kernel", "--module", "--dry-run", "--load-only",
            "--json", "--trampoline-uart", "--tpm-policy", "--tpm-log", "-h", "--help", "-V", "--version");

    @Test
    void oneEditAwayIsSuggested() {
        assertEquals(List.of("--kernel"), Suggestions.near("--kernal", OPTIONS));
        assertEquals(List.of("--json"), Suggestions.near("--jsn", OPTIONS));
        assertEquals(List.of("--dry-run"), Suggestions.near("--dry-ru", OPTIONS));
        assertEquals(List.of("--module"), Suggestions.near("--modules", OPTIONS));
    }

    @Test
    void swappedNeighboursAreOneEdit() {
        assertEquals(1, Suggestions.distance("load-onyl", "load-only"));
        assertEquals(List.of("--load-only"), Suggestions.near("--load-onyl", OPTIONS));
    }

    @Test
    void longerNamesMayBeFurtherOff() {
        assertEquals(List.of("--trampoline-uart"), Suggestions.near("--trampolin-urt", OPTIONS));
        assertEquals(List.of(), Suggestions.near("--jxx", OPTIONS), "two edits in four letters is another word");
    }

    @Test
    void aStartStandsForTheLongerName() {
        assertEquals(List.of("--trampoline-uart"), Suggestions.near("--trampoline", OPTIONS));
        assertEquals(List.of("--tpm-policy", "--tpm-log"), Suggestions.near("--tpm", OPTIONS));
    }

    @Test
    void nearestComeFirst() {
        assertEquals(List.of("--abcdefh", "--abcdexy"), Suggestions.near("--abcdefg", List.of("--abcdexy", "--abcdefh")));
    }

    @Test
    void dashesDoNotCount() {
        assertEquals(List.of("--json"), Suggestions.near("-json", OPTIONS));
        assertEquals(List.of("boot"), Suggestions.near("bot", List.of("probe", "boot", "autoboot")));
    }

    @Test
    void oneLetterSuggestsNothing() {
        assertEquals(List.of(), Suggestions.near("-x", OPTIONS));
        assertEquals(List.of(), Suggestions.near("--no-such-option", OPTIONS));
    }

    @Test
    void distanceCountsInsertsDeletesAndReplacements() {
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(3, Suggestions.distance("abc", ""));
        assertEquals(1, Suggestions.distance("abc", "abd"));
        assertEquals(2, Suggestions.distance("kitten", "sittin"));
    }
}
