package dev.jkboot.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.freebsd.Howto;
import dev.jkboot.loaderconf.AutobootDelay;
import dev.jkboot.loaderconf.LoaderConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootMenuTest {
    private static final Howto SERIAL = new Howto(Howto.RB_SERIAL);

    private static LoaderConfig config(AutobootDelay delay, Howto howto, List<String> kernels) {
        return new LoaderConfig("kernel", "/boot/kernel/kernel", Optional.empty(), kernels, List.of(),
                Map.of("vfs.root.mountfrom", "ufs:/dev/gpt/rootfs"), howto, delay, List.of());
    }

    private static LoaderConfig config(AutobootDelay delay) {
        return config(delay, SERIAL, List.of("kernel", "kernel.old"));
    }

    private static AutobootDelay delay(String value) {
        return AutobootDelay.parse(value).orElseThrow();
    }

    private static MenuChoice run(ScriptedTerminal terminal, LoaderConfig config) throws Exception {
        return new BootMenu(terminal).run(config);
    }

    @Test
    void theCountdownRunsOutAndBootsAsConfigured() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal();
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(t, config(delay("3"))));
        assertEquals(Duration.ofSeconds(3), t.now());
        for (int s = 3; s >= 0; s--) {
            assertTrue(t.output().contains("\rAutoboot in " + s + " seconds, hit [Enter] to boot or any other key to stop"),
                    t.output());
        }
    }

    @Test
    void enterDuringTheCountdownBootsAtOnce() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().key(Duration.ofMillis(1500), '\r');
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(t, config(delay("10"))));
        assertEquals(Duration.ofMillis(1500), t.now());
    }

    @Test
    void anyOtherKeyStopsTheCountdownAndCountsAsAMenuKey() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().key(Duration.ofMillis(2500), '2').key(Duration.ofSeconds(60), '\n');
        assertEquals(new MenuChoice.Boot("kernel", SERIAL.with(Howto.RB_SINGLE)), run(t, config(delay("10"))));
        assertFalse(t.output().contains("Autoboot in 7"), "the countdown stopped at 8");
        String countdown = "Autoboot in 8 seconds, hit [Enter] to boot or any other key to stop ";
        assertTrue(t.output().contains("\r" + countdown + "\r" + " ".repeat(countdown.length()) + "\rChoose 1-5: "),
                "the countdown line is blanked and the prompt comes back");
        assertTrue(t.output().contains("2. Single user: on"), t.output());
    }

    @Test
    void aZeroDelayBootsAtOnceUnlessAKeyIsAlreadyWaiting() throws Exception {
        ScriptedTerminal idle = new ScriptedTerminal();
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(idle, config(delay("0"))));
        assertEquals(Duration.ZERO, idle.now());
        ScriptedTerminal typedAhead = new ScriptedTerminal().type("5");
        assertEquals(new MenuChoice.Shell(), run(typedAhead, config(delay("0"))));
    }

    @Test
    void noWaitsForKeysWithoutCountingDown() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().key(Duration.ofHours(2), '3').type("33\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL.with(Howto.RB_VERBOSE)), run(t, config(delay("NO"))));
        assertFalse(t.output().contains("Autoboot"), t.output());
    }

    @Test
    void minusOneBootsWithoutShowingTheMenu() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().type("5");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(t, config(delay("-1"))));
        assertEquals("Booting /boot/kernel/kernel (autoboot_delay=-1: no menu)\n", t.output());
    }

    @Test
    void oneBootsAndFiveEscapesToAShell() throws Exception {
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(new ScriptedTerminal().type("1"), config(delay("NO"))));
        assertEquals(new MenuChoice.Shell(), run(new ScriptedTerminal().type("5"), config(delay("NO"))));
    }

    @Test
    void singleUserAndVerboseToggleIncludingBitsTheConfigurationSet() throws Exception {
        Howto configured = new Howto(Howto.RB_SINGLE | Howto.RB_VERBOSE);
        ScriptedTerminal t = new ScriptedTerminal().type("2\r");
        assertEquals(new MenuChoice.Boot("kernel", new Howto(Howto.RB_VERBOSE)),
                run(t, config(delay("NO"), configured, List.of("kernel"))));
        assertTrue(t.output().contains("2. Single user: on"), t.output());
        assertTrue(t.output().contains("2. Single user: off"), t.output());
    }

    @Test
    void fourStepsThroughTheKernelChoicesAndWrapsAround() throws Exception {
        List<String> kernels = List.of("kernel", "kernel.old", "kernel.test");
        assertEquals(new MenuChoice.Boot("kernel.old", SERIAL),
                run(new ScriptedTerminal().type("4\r"), config(delay("NO"), SERIAL, kernels)));
        assertEquals(new MenuChoice.Boot("kernel", SERIAL),
                run(new ScriptedTerminal().type("444\r"), config(delay("NO"), SERIAL, kernels)));
        ScriptedTerminal t = new ScriptedTerminal().type("4\r");
        run(t, config(delay("NO"), SERIAL, kernels));
        assertTrue(t.output().contains("  Kernel: kernel.old (its file is looked up when you boot)\n"), t.output());
        assertTrue(t.output().contains("  4. Kernel:      kernel.old (2 of 3)\n"), t.output());
    }

    @Test
    void withoutKernelChoicesFourDoesNothing() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().type("4\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(t, config(delay("NO"), SERIAL, List.of())));
        assertTrue(t.output().contains("4. Kernel:      default"), t.output());
    }

    @Test
    void otherKeysAreIgnored() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().type("x9 \u001b\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(t, config(delay("NO"))));
    }

    @Test
    void theMenuIsPlainTextForADumbSerialLine() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().type("1");
        run(t, config(delay("NO")));
        assertEquals("""

                FreeBSD boot menu (jkboot)
                  Kernel: /boot/kernel/kernel
                  Root:   ufs:/dev/gpt/rootfs

                  1. Boot [Enter]
                  2. Single user: off
                  3. Verbose:     off
                  4. Kernel:      kernel (1 of 2)
                  5. Escape to a shell

                Choose 1-5: \n""", t.output());
        assertTrue(t.output().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "printable ASCII only");
    }

    @Test
    void aMissingRootIsShown() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().type("1");
        run(t, new LoaderConfig("kernel", "/boot/kernel/kernel", Optional.empty(), List.of("kernel"), List.of(),
                Map.of(), Howto.NONE, delay("NO"), List.of()));
        assertTrue(t.output().contains("  Root:   not set (FreeBSD will ask at mountroot>)\n"), t.output());
    }

    private static final List<String> ENVIRONMENTS = List.of("zroot/ROOT/alt", "zroot/ROOT/default", "zroot/ROOT/old");

    @Test
    void bootEnvironmentsAreOfferedAndSteppedThroughWhenThereIsAChoice() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().key(Duration.ofSeconds(1), '6').type("2\r");
        MenuChoice choice = new BootMenu(t).run(config(delay("10")), ENVIRONMENTS, "zroot/ROOT/default");
        assertEquals(new MenuChoice.BootEnvironment("zroot/ROOT/old", SERIAL.with(Howto.RB_SINGLE)), choice,
                "another environment boots with the howto bits chosen here");
        String out = t.output();
        assertTrue(out.contains("  6. Boot environment: zroot/ROOT/default (2 of 3)\n"), out);
        assertTrue(out.contains("  6. Boot environment: zroot/ROOT/old (3 of 3), booted with its own loader.conf "
                + "and kernel\n"), out);
        assertTrue(out.contains("Choose 1-6: "), out);
        assertFalse(out.contains("Choose 1-5"), out);
    }

    @Test
    void steppingAllTheWayRoundBootsTheActiveEnvironmentAsConfigured() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal().key(Duration.ofSeconds(1), '6').type("66\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL),
                new BootMenu(t).run(config(delay("10")), ENVIRONMENTS, "zroot/ROOT/default"));
        assertTrue(t.output().contains("  6. Boot environment: zroot/ROOT/alt (1 of 3), booted with its own"),
                t.output());
    }

    @Test
    void oneEnvironmentOrNoneIsNoChoice() throws Exception {
        ScriptedTerminal one = new ScriptedTerminal().key(Duration.ofSeconds(1), '6').type("\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL),
                new BootMenu(one).run(config(delay("10")), List.of("zroot/ROOT/default"), "zroot/ROOT/default"));
        assertFalse(one.output().contains("Boot environment"), one.output());
        assertTrue(one.output().contains("Choose 1-5: "), one.output());
        ScriptedTerminal none = new ScriptedTerminal().key(Duration.ofSeconds(1), '6').type("\r");
        assertEquals(new MenuChoice.Boot("kernel", SERIAL), run(none, config(delay("10"))));
        assertFalse(none.output().contains("Boot environment"), none.output());
    }
}
