package dev.jkboot.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every syntax the parser accepts and every usage error it gives, on a small command of its own. */
class ParserTest {
    /** What the test command's setter saw, in order. */
    private final List<String> seen = new ArrayList<>();

    /** Records "name=value" (a flag's value is ""); refuses an --addr not in hex and a variable without '='. */
    private final Option.Setter record = new Option.Setter() {
        @Override
        public void set(String name, String value) {
            if (name.equals("--addr") && !value.startsWith("0x")) {
                throw new IllegalArgumentException("'" + value + "' is not an address such as 0x9000000");
            }
            if (name.equals("NAME=VALUE") && value.indexOf('=') <= 0) {
                throw new IllegalArgumentException("'" + value + "' is neither a subcommand nor NAME=VALUE");
            }
            seen.add(name + "=" + value);
        }
    };

    private CommandTable.Builder base(String name) {
        return CommandTable.named(name)
                .add(Option.value("--kernel", "PATH", "The kernel.", record))
                .add(Option.value("--module", "PATH", "A module.", record).repeat())
                .add(Option.flag("--json", "JSON.", record))
                .add(Option.value("--addr", "ADDR", "An address.", record))
                .add(Option.value("--secret", "PA", "Hidden.", record).hide())
                .exclusive(Option.flag("--dry-run", "Dry.", record), Option.flag("--load-only", "Load.", record),
                        Option.flag("--unload", "Unload.", record));
    }

    private CommandTable boot() {
        return base("jk boot").words(new Words("WORDS", "Words.", record)).switchesAreWords()
                .longHelpOnly().build();
    }

    private CommandTable top() {
        return base("jk").words(new Words("NAME=VALUE", "Variables.", record)).subcommand(new CommandSummary("probe", "Probe.")).subcommand(new CommandSummary("boot", "Boot."))
                .standardHelp().build();
    }

    private Parser.Outcome parse(CommandTable table, String... args) throws UsageException {
        return Parser.parse(table, List.of(args));
    }

    private UsageException refused(CommandTable table, String... args) {
        return assertThrows(UsageException.class, () -> parse(table, args));
    }

    @Test
    void valuesGoSeparateOrAfterAnEqualsSign() throws Exception {
        assertEquals(Parser.Outcome.RUN, parse(boot(), "--kernel", "/k", "--module=/a.ko", "--module", "b=c", "--json"));
        assertEquals(List.of("--kernel=/k", "--module=/a.ko", "--module=b=c", "--json="), seen);
    }

    @Test
    void anEmptyValueAfterEqualsIsAValue() throws Exception {
        parse(boot(), "--kernel=");
        assertEquals(List.of("--kernel="), seen);
    }

    @Test
    void aValueMayStartWithADashUnlessItIsAnOption() throws Exception {
        parse(boot(), "--kernel", "-weird");
        assertEquals(List.of("--kernel=-weird"), seen);
        UsageException e = refused(boot(), "--kernel", "--json");
        assertEquals("Missing required parameter for option '--kernel' (PATH)", e.getMessage());
        assertEquals("Missing required parameter for option '--kernel' (PATH)",
                refused(boot(), "--kernel", "--module=x").getMessage());
        assertEquals("Missing required parameter for option '--kernel' (PATH)",
                refused(boot(), "--kernel", "--").getMessage());
    }

    @Test
    void aMissingValueAtTheEndIsAUsageError() {
        assertEquals("Missing required parameter for option '--module' (PATH)",
                refused(boot(), "--module").getMessage());
    }

    @Test
    void unknownSwitchesAreWordsWhereTheTableSaysSo() throws Exception {
        parse(boot(), "-sv", "--kernel", "/k", "hw.x=1", "-h", "-");
        assertEquals(List.of("WORDS=-sv", "--kernel=/k", "WORDS=hw.x=1", "WORDS=-h", "WORDS=-"), seen);
    }

    @Test
    void anUnknownLongOptionStaysAnErrorEvenWhereSwitchesAreWords() {
        UsageException e = refused(boot(), "--load-onyl");
        assertEquals("Unknown option: '--load-onyl'", e.getMessage());
        assertEquals(List.of("--load-only"), e.suggestions());
    }

    @Test
    void anUnknownOptionIsNamedAsTyped() {
        UsageException e = refused(top(), "--no-such-option");
        assertEquals("Unknown option: '--no-such-option'", e.getMessage());
        assertEquals(List.of(), e.suggestions());
        assertEquals("Unknown option: '--jsn=1'", refused(top(), "--jsn=1").getMessage());
        assertEquals(List.of("--json"), refused(top(), "--jsn=1").suggestions());
        assertEquals("Unknown option: '-x'", refused(top(), "-x").getMessage());
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        parse(boot(), "--json", "--", "--kernel", "--", "-s");
        assertEquals(List.of("--json=", "WORDS=--kernel", "WORDS=--", "WORDS=-s"), seen);
    }

    @Test
    void aFlagTakesNoValue() {
        assertEquals("option '--json' takes no value (got 'true')", refused(boot(), "--json=true").getMessage());
    }

    @Test
    void onlyRepeatableOptionsMayBeGivenTwice() throws Exception {
        assertEquals("option '--kernel' should be given only once",
                refused(boot(), "--kernel", "/a", "--kernel", "/b").getMessage());
        assertEquals("option '--json' should be given only once", refused(boot(), "--json", "--json").getMessage());
        seen.clear();
        parse(boot(), "--module", "a", "--module", "b");
        assertEquals(List.of("--module=a", "--module=b"), seen);
    }

    @Test
    void aBadValueNamesTheOptionTheValueAndTheAcceptedForms() {
        UsageException e = refused(boot(), "--addr", "zz");
        assertEquals("Invalid value for option '--addr': 'zz' is not an address such as 0x9000000", e.getMessage());
    }

    @Test
    void twoOfAnExclusiveGroupAreAUsageErrorNamingBoth() throws Exception {
        assertEquals("--dry-run and --unload are mutually exclusive: give only one of them",
                refused(boot(), "--dry-run", "--kernel", "/k", "--unload").getMessage());
        assertEquals("--unload, --load-only and --dry-run are mutually exclusive: give only one of them",
                refused(boot(), "--unload", "--load-only", "--dry-run").getMessage());
        assertEquals(Parser.Outcome.RUN, parse(boot(), "--load-only"));
    }

    @Test
    void helpAndVersionStopTheReadingWhereTheyStand() throws Exception {
        assertEquals(Parser.Outcome.HELP, parse(top(), "--json", "-h", "--no-such-option"));
        assertEquals(List.of("--json="), seen);
        assertEquals(Parser.Outcome.HELP, parse(top(), "--help"));
        assertEquals(Parser.Outcome.VERSION, parse(top(), "-V"));
        assertEquals(Parser.Outcome.VERSION, parse(top(), "--version"));
        assertEquals(Parser.Outcome.HELP, parse(boot(), "--help"));
        assertEquals("Unknown option: '--version'", refused(boot(), "--version").getMessage());
        assertEquals("Unknown option: '--no-such-option'", refused(top(), "--no-such-option", "--help").getMessage());
    }

    @Test
    void aRefusedWordGetsTheSubcommandItWasProbablyMeantToBe() {
        UsageException e = refused(top(), "bot");
        assertEquals("'bot' is neither a subcommand nor NAME=VALUE", e.getMessage());
        assertEquals(List.of("boot"), e.suggestions());
        assertEquals(List.of("probe"), refused(top(), "prob").suggestions());
        assertEquals(List.of(), refused(top(), "zzzz").suggestions());
    }

    @Test
    void aSubcommandOnlyCountsFirst() {
        assertEquals("the subcommand 'probe' must come first: jk probe [OPTIONS]",
                refused(top(), "--json", "probe").getMessage());
    }

    @Test
    void aCommandWithoutWordsRefusesThem() {
        CommandTable probe = CommandTable.named("jk probe").add(Option.flag("--json", "JSON.", record))
                .standardHelp().build();
        assertEquals("Unexpected argument: 'x'", refused(probe, "x").getMessage());
    }

    @Test
    void hiddenOptionsWorkButAreNeverSuggested() throws Exception {
        parse(boot(), "--secret", "0x10");
        assertEquals(List.of("--secret=0x10"), seen);
        assertEquals(List.of(), refused(boot(), "--secrt").suggestions());
    }

    @Test
    void theReportHasTheMessageTheSuggestionsAndTheHint() {
        assertEquals("Unknown option: '--jsn'\nDid you mean: --json?\nTry 'jk boot --help' for more information.\n",
                refused(boot(), "--jsn").report("jk boot"));
        assertEquals("bad\nDid you mean one of: --a, --b?\nTry 'jk --help' for more information.\n",
                new UsageException("bad", List.of("--a", "--b")).report("jk"));
        assertEquals("bad\nTry 'jk --help' for more information.\n", new UsageException("bad").report("jk"));
    }

    @Test
    void aTableNeedsAHelpOption() {
        assertThrows(IllegalStateException.class, () -> CommandTable.named("x").build());
        assertTrue(boot().option("--help").isPresent());
        assertTrue(boot().option("-h").isEmpty());
    }
}
