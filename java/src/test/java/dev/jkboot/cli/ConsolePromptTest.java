package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jkboot.autoboot.BootEnvironments;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.loaderconf.AutobootDelay;
import dev.jkboot.loaderconf.LoaderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsolePromptTest {
    @Test
    void withoutATerminalNobodyIsAskedAndTheConfiguredBootStartsAtOnce() {
        assumeTrue(System.console() == null, "the tests run with a terminal on standard input and output");
        LoaderConfig config = new LoaderConfig("kernel", "/boot/kernel/kernel", Optional.empty(), List.of("kernel"),
                List.of(), Map.of(), Howto.NONE, AutobootDelay.countdown(2), List.of());
        List<String> log = new ArrayList<>();
        assertEquals(Optional.empty(), new ConsolePrompt(log::add).ask(config, BootEnvironments.NONE));
        assertEquals(List.of("standard input or output is not a terminal: no boot menu, booting at once (autoboot_delay=2 s "
                + "only gives a person at the console time to interrupt)"), log);
    }
}
