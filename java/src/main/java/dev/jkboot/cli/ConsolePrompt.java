package dev.jkboot.cli;

import dev.jkboot.autoboot.BootEnvironments;
import dev.jkboot.loaderconf.LoaderConfig;
import dev.jkboot.menu.BootMenu;
import dev.jkboot.menu.LinuxTerminal;
import dev.jkboot.menu.MenuChoice;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The boot menu on jkboot's own console. Without a terminal on standard input and output nobody
 * can interrupt a countdown, so there is no menu and the configured boot starts at once, whatever
 * {@code autoboot_delay} says; a terminal that cannot be switched to single keys (no stty) is
 * treated the same way.
 */
final class ConsolePrompt implements AutobootFlow.Prompt {
    private final Consumer<String> log;

    ConsolePrompt(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public Optional<MenuChoice> ask(LoaderConfig config, BootEnvironments environments) {
        if (System.console() == null) {
            log.accept("standard input or output is not a terminal: no boot menu, booting at once (autoboot_delay="
                    + config.autobootDelay() + " only gives a person at the console time to interrupt)");
            return Optional.empty();
        }
        LinuxTerminal terminal;
        try {
            terminal = LinuxTerminal.open(System.in, System.out);
        } catch (IOException e) {
            log.accept("no boot menu (" + e.getMessage() + "); booting as configured");
            return Optional.empty();
        }
        try {
            return Optional.of(new BootMenu(terminal).run(config, environments.names(), environments.active()));
        } catch (IOException e) {
            log.accept("the boot menu failed (" + e.getMessage() + "); booting as configured");
            return Optional.empty();
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                log.accept("could not restore the terminal settings: " + e.getMessage());
            }
        }
    }
}
