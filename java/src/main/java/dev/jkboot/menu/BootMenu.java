package dev.jkboot.menu;

import dev.jkboot.freebsd.Howto;
import dev.jkboot.loaderconf.AutobootDelay;
import dev.jkboot.loaderconf.LoaderConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A boot menu in the manner of FreeBSD's (stand/lua/menu.lua), in plain lines for a serial
 * console:
 * <pre>
 *   1. Boot [Enter]
 *   2. Single user: off
 *   3. Verbose:     off
 *   4. Kernel:      kernel (1 of 2)
 *   5. Escape to a shell
 *   6. Boot environment: zroot/ROOT/default (1 of 2)
 * </pre>
 * Autoboot follows {@code autoboot_delay} as FreeBSD does: a countdown that [Enter] cuts short
 * and any other key stops (that key then counts as a menu key); "NO" waits for a key; "-1" boots
 * at once without showing the menu. Single user and verbose toggle their howto bits; the kernel
 * key steps through the configuration's kernel choices. On a ZFS root with more than one boot
 * environment (the only case where FreeBSD's menu.lua shows its entry), the last key steps through
 * them; booting another one boots what its own loader.conf says, with the howto bits chosen here.
 */
public final class BootMenu {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofMinutes(1);
    private static final String PROMPT = "Choose 1-%d: ";
    private static final String COUNTDOWN = "Autoboot in %d seconds, hit [Enter] to boot or any other key to stop ";

    private final Terminal terminal;
    private List<String> environments = List.of();
    private int active;

    public BootMenu(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Where the menu stands: the kernel choice, the howto word being built, the boot environment. */
    private record State(int kernel, Howto howto, int environment) {}

    public MenuChoice run(LoaderConfig config) throws IOException {
        return run(config, List.of(), "");
    }

    /**
     * @param environments the boot environments to offer (full dataset names), none for a root
     *     without them; offered only when there are at least two
     * @param active the one being booted
     */
    public MenuChoice run(LoaderConfig config, List<String> environments, String active) throws IOException {
        this.environments = environments.size() > 1 ? List.copyOf(environments) : List.of();
        this.active = Math.max(0, this.environments.indexOf(active));
        AutobootDelay delay = config.autobootDelay();
        State state = new State(Math.max(0, config.kernels().indexOf(config.kernel())), config.howto(), this.active);
        if (delay.kind() == AutobootDelay.Kind.IMMEDIATE) {
            terminal.write("Booting " + config.kernelPath() + " (autoboot_delay=-1: no menu)\n");
            return boot(config, state);
        }
        draw(config, state);
        OptionalInt key = OptionalInt.empty();
        if (delay.kind() == AutobootDelay.Kind.COUNTDOWN) {
            key = countdown(delay.seconds());
            if (key.isEmpty() || isEnter(key.getAsInt())) {
                terminal.write("\n");
                return boot(config, state);
            }
        }
        while (true) {
            while (key.isEmpty()) {
                key = terminal.readKey(IDLE);
            }
            int k = key.getAsInt();
            key = OptionalInt.empty();
            if (isEnter(k) || k == '1') {
                terminal.write("\n");
                return boot(config, state);
            } else if (k == '5') {
                terminal.write("\n");
                return new MenuChoice.Shell();
            } else if (k == '2') {
                state = new State(state.kernel(), toggle(state.howto(), Howto.RB_SINGLE), state.environment());
            } else if (k == '3') {
                state = new State(state.kernel(), toggle(state.howto(), Howto.RB_VERBOSE), state.environment());
            } else if (k == '4' && !config.kernels().isEmpty()) {
                state = new State((state.kernel() + 1) % config.kernels().size(), state.howto(), state.environment());
            } else if (k == '6' && !environments.isEmpty()) {
                state = new State(state.kernel(), state.howto(), (state.environment() + 1) % environments.size());
            } else {
                continue;
            }
            draw(config, state);
        }
    }

    /**
     * Counts down from {@code seconds}, rewriting the prompt line. Returns the key that stopped it, or
     * empty when time ran out; at 0 only a key already typed stops it, as in FreeBSD.
     */
    private OptionalInt countdown(int seconds) throws IOException {
        for (int remaining = seconds; remaining >= 0; remaining--) {
            terminal.write("\r" + COUNTDOWN.formatted(remaining));
            OptionalInt key = terminal.readKey(remaining == 0 ? Duration.ZERO : TICK);
            if (key.isPresent()) {
                terminal.write("\r" + " ".repeat(COUNTDOWN.formatted(remaining).length()) + "\r" + prompt());
                return key;
            }
        }
        return OptionalInt.empty();
    }

    private void draw(LoaderConfig config, State state) throws IOException {
        String kernel = selectedKernel(config, state);
        String kernelLine = kernel.equals(config.kernel())
                ? config.kernelPath()
                : kernel + " (its file is looked up when you boot)";
        int count = config.kernels().size();
        String choices = count == 0 ? "default" : kernel + " (" + (state.kernel() + 1) + " of " + count + ")";
        terminal.write("\n"
                + "FreeBSD boot menu (jkboot)\n"
                + "  Kernel: " + kernelLine + "\n"
                + "  Root:   " + config.rootMountFrom().orElse("not set (FreeBSD will ask at mountroot>)") + "\n"
                + "\n"
                + "  1. Boot [Enter]\n"
                + "  2. Single user: " + onOff(state.howto(), Howto.RB_SINGLE) + "\n"
                + "  3. Verbose:     " + onOff(state.howto(), Howto.RB_VERBOSE) + "\n"
                + "  4. Kernel:      " + choices + "\n"
                + "  5. Escape to a shell\n"
                + environmentLine(state)
                + "\n"
                + prompt());
    }

    private String prompt() {
        return PROMPT.formatted(environments.isEmpty() ? 5 : 6);
    }

    private String environmentLine(State state) {
        if (environments.isEmpty()) {
            return "";
        }
        return "  6. Boot environment: %s (%d of %d)%s\n".formatted(environments.get(state.environment()),
                state.environment() + 1, environments.size(),
                state.environment() == active ? "" : ", booted with its own loader.conf and kernel");
    }

    private static String selectedKernel(LoaderConfig config, State state) {
        return config.kernels().isEmpty() ? config.kernel() : config.kernels().get(state.kernel());
    }

    private MenuChoice boot(LoaderConfig config, State state) {
        if (state.environment() != active) {
            return new MenuChoice.BootEnvironment(environments.get(state.environment()), state.howto());
        }
        return new MenuChoice.Boot(selectedKernel(config, state), state.howto());
    }

    private static Howto toggle(Howto howto, int bit) {
        return howto.has(bit) ? howto.without(bit) : howto.with(bit);
    }

    private static String onOff(Howto howto, int bit) {
        return howto.has(bit) ? "on" : "off";
    }

    private static boolean isEnter(int key) {
        return key == '\r' || key == '\n';
    }
}
