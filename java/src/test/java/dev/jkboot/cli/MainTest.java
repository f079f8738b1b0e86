package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jkboot's own command line: the subcommands, help, version and the usage errors around them. */
class MainTest {
    private static final List<String> ALL = List.of("probe", "boot", "autoboot");

    @Test
    void helpListsEverySubcommandOnStdout() {
        CliRun r = CliRun.of("--help");
        assertEquals(ExitStatus.OK, r.status());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: jkboot [OPTIONS] [NAME=VALUE...] [COMMAND]\n"), r.out());
        for (String name : ALL) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + " in:\n" + r.out());
        }
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
        assertEquals(r.out(), CliRun.of("-h").out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String name : ALL) {
            CliRun r = CliRun.of(name, "--help");
            assertEquals(ExitStatus.OK, r.status(), name);
            assertTrue(r.out().startsWith("Usage: jkboot " + name + " [OPTIONS]"), r.out());
            assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
        }
    }

    @Test
    void versionWhereverPicocliHadIt() {
        for (List<String> args : List.of(List.of("-V"), List.of("--version"), List.of("probe", "-V"),
                List.of("autoboot", "--version"))) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitStatus.OK, r.status(), args.toString());
            assertTrue(r.out().matches("jkboot \\S+ \\(commit \\S+, [a-z ]+\\)\n"), r.out());
        }
    }

    @Test
    void aMistypedSubcommandIsRefusedWithTheSuggestion() {
        CliRun r = CliRun.of("bot", "--kernel", "/k");
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("'bot' is neither a subcommand nor NAME=VALUE\nDid you mean: boot?\n"
                + "Try 'jkboot --help' for more information.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aSubcommandAfterOptionsIsRefusedNotIgnored() {
        CliRun r = CliRun.of("--host-root", "/tmp", "probe");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().startsWith("the subcommand 'probe' must come first: jkboot probe [OPTIONS]\n"), r.err());
    }

    @Test
    void usageErrorsNameTheCommandWhoseHelpToRead() {
        CliRun r = CliRun.of("boot", "--kernel");
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("Missing required parameter for option '--kernel' (PATH)\n"
                + "Try 'jkboot boot --help' for more information.\n", r.err());
    }

    @Test
    void bootTakesFreeBsdSwitchesAsWordsAndOnlyLongHelp() {
        CliRun r = CliRun.of("boot", "--help");
        assertEquals(ExitStatus.OK, r.status());
        assertTrue(r.out().contains("[WORDS...]"), r.out());
        assertTrue(r.out().contains("\n      --help "), r.out());
        assertTrue(!r.out().contains("-h, --help"), "-h is FreeBSD's serial-console switch: " + r.out());
        assertTrue(!r.out().contains("--test-corrupt-after-load"), "test hook hidden: " + r.out());
    }

    @Test
    void probeTakesNoWords() {
        CliRun r = CliRun.of("probe", "extra");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().startsWith("Unexpected argument: 'extra'\n"), r.err());
    }
}
