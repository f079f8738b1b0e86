package dev.jkboot.init;

import java.util.List;
import java.util.function.Consumer;

/**
 * A shell on the console for good, as /init keeps one: started again a second after it exits.
 * busybox's {@code setsid cttyhack sh} gives it the console as controlling terminal, so Ctrl-C
 * and job control work in it (and never reach PID 1); a plain {@code sh} stands in without busybox.
 */
public final class RescueShell {
    static final List<String> COMMAND = List.of("/bin/sh", "-c",
            "if command -v cttyhack >/dev/null; then exec setsid cttyhack sh; else exec sh; fi");
    private static final long RESPAWN_MILLIS = 1000;

    private RescueShell() {}

    /** Never returns: every failure, even an Error, is reported and the shell started again. */
    public static void forever(Consumer<String> log) {
        log.accept("rescue shell on the console (it respawns on exit; 'poweroff -f' or 'reboot -f' stops the "
                + "machine)");
        while (true) {
            try {
                ProcessBuilder shell = new ProcessBuilder(COMMAND).inheritIO();
                shell.environment().put("PS1", "jkboot-rescue# ");
                shell.environment().putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
                shell.start().waitFor();
            } catch (Throwable t) {
                log.accept("rescue shell: " + t);
            }
            try {
                Thread.sleep(RESPAWN_MILLIS);
            } catch (Throwable t) {
                // Interrupted: there is nothing to stop for, so start the next shell now.
            }
        }
    }
}
