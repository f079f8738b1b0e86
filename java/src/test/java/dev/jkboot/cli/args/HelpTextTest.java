package dev.jkboot.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelpTextTest {
    private static final Option.Setter NONE = new Option.Setter() {
        @Override
        public void set(String name, String value) {}
    };

    private static CommandTable table() {
        return CommandTable.named("jk boot").describe("Boots things.", "WORDS are switches and variables that "
                        + "the kernel reads from its environment when it starts, as FreeBSD's loader passes them.")
                .add(Option.value("--kernel", "PATH", "The kernel.", NONE))
                .add(Option.value("--trampoline-uart", "auto|off|ADDR", "Where the trampoline greets.", NONE))
                .add(Option.value("--secret", "PA", "Test hook.", NONE).hide())
                .exclusive(Option.flag("--dry-run", "Print the plan.", NONE),
                        Option.flag("--unload", "Unload.", NONE))
                .add(Option.flag("--no-deps", "Load only the modules given: do not add the modules they depend on, "
                        + "which are otherwise looked up in module_path with each directory's linker.hints.", NONE))
                .words(new Words("WORDS", "Switches and variables.", NONE))
                .standardHelp()
                .subcommand(new CommandSummary("probe", "Describe this host."))
                .build();
    }

    @Test
    void layoutAsPicocliHadIt() {
        assertEquals("""
                Usage: jk boot [OPTIONS] [--dry-run | --unload] [WORDS...] [COMMAND]
                Boots things.
                WORDS are switches and variables that the kernel reads from its environment when
                it starts, as FreeBSD's loader passes them.

                Options:
                      [WORDS...]     Switches and variables.
                      --kernel=PATH  The kernel.
                      --trampoline-uart=auto|off|ADDR
                                     Where the trampoline greets.
                      --dry-run      Print the plan.
                      --unload       Unload.
                      --no-deps      Load only the modules given: do not add the modules they
                                     depend on, which are otherwise looked up in module_path
                                     with each directory's linker.hints.
                  -h, --help         Show this help message and exit.
                  -V, --version      Print version information and exit.

                Commands:
                  probe  Describe this host.
                """, HelpText.render(table()));
    }

    @Test
    void noLineIsWiderThanTheScreen() {
        assertTrue(HelpText.render(table()).lines().allMatch(l -> l.length() <= HelpText.WIDTH));
    }

    @Test
    void aLongUsageLineWrapsUnderItsFirstWord() {
        CommandTable t = CommandTable.named("jkboot boot").exclusive(Option.flag("--dry-run", "", NONE),
                Option.flag("--load-only", "", NONE), Option.flag("--exec", "", NONE),
                Option.flag("--unload", "", NONE)).words(new Words("WORDS", "", NONE)).longHelpOnly().build();
        assertTrue(HelpText.render(t).startsWith(
                "Usage: jkboot boot [OPTIONS] [--dry-run | --load-only | --exec | --unload]\n"
                        + "                   [WORDS...]\n"), HelpText.render(t));
    }
}
