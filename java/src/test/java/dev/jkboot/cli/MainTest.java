package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the subcommands a command line can use are registered, and help still lists every one. */
class MainTest {
    private static final List<String> ALL = List.of("probe", "boot", "autoboot");

    @Test
    void aNamedSubcommandIsTheOnlyOneRegistered() {
        assertEquals(List.of("boot"), Main.subcommandsFor("boot", "--kernel", "/k", "-sv"));
        assertEquals(List.of("probe"), Main.subcommandsFor("probe", "--json"));
    }

    @Test
    void onlyOptionsRegisterNone() {
        assertEquals(List.of(), Main.subcommandsFor());
        assertEquals(List.of(), Main.subcommandsFor("--version"));
        assertEquals(List.of(), Main.subcommandsFor("-V"));
    }

    @Test
    void helpAndUnknownWordsRegisterAll() {
        assertEquals(ALL, Main.subcommandsFor("--help"));
        assertEquals(ALL, Main.subcommandsFor("-h"));
        assertEquals(ALL, Main.subcommandsFor("bot"));
    }

    @Test
    void helpListsEverySubcommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.status());
        for (String name : ALL) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(name + " ")), name + " in:\n" + r.out());
        }
    }

    @Test
    void aMistypedSubcommandIsRefusedWithTheSuggestion() {
        CliRun r = CliRun.of("bot", "--kernel", "/k");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("boot"), r.err());
    }

    @Test
    void bootTakesFreeBsdSwitchesAsWords() {
        CliRun r = CliRun.of("boot", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("WORDS"), r.out());
    }
}
