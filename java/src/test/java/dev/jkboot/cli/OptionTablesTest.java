package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every option a command declares is one its setter knows (names appear in the table and in the switch). */
class OptionTablesTest {
    /** A value each label accepts. */
    private static final Map<String, String> SAMPLES = Map.of("", "", "auto|off|ADDR", "auto",
            "require|warn|off", "warn", "PA", "0x10");

    private static List<JkbootCommand> commands() {
        return List.of(new BootCommand(), new ProbeCommand(), new AutobootCommand());
    }

    @Test
    void everyDeclaredOptionIsSet() {
        for (JkbootCommand command : commands()) {
            CommandTable table = command.table();
            for (Option o : table.options()) {
                String value = SAMPLES.getOrDefault(o.label(), "/x");
                assertDoesNotThrow(() -> o.setter().set(o.name(), value), table.name() + " " + o.name());
            }
            table.words().ifPresent(w -> assertDoesNotThrow(() -> w.sink().set(w.label(), "a=b"), table.name()));
        }
    }

    @Test
    void theMixinsAreSharedNotRepeated() {
        List<String> boot = names(new BootCommand().table());
        List<String> autoboot = names(new AutobootCommand().table());
        for (String shared : List.of("--host-root", "--trampoline-uart", "--check-integrity",
                "--test-corrupt-after-load", "--verify", "--tpm-policy", "--tpm-device", "--tpm-log",
                "--dry-run", "--no-platform-entropy")) {
            assertTrue(boot.contains(shared) && autoboot.contains(shared), shared);
        }
        assertEquals(List.of("--host-root", "--json", "--help", "--version"), names(new ProbeCommand().table()));
    }

    private static List<String> names(CommandTable table) {
        return table.options().stream().map(Option::name).toList();
    }
}
