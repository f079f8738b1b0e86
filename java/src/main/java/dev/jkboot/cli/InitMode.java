package dev.jkboot.cli;

import dev.jkboot.init.NativeInit;
import dev.jkboot.init.RescueShell;
import dev.jkboot.init.SystemSetup;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * jkboot as PID 1, for example exec'ed by /init ({@code jkboot.init=exec}): sets up what /init
 * would, runs jkboot, and then keeps a rescue shell on the console. Linux panics when PID 1 exits,
 * so nothing here returns, {@link System#exit} is never called, and every Throwable is reported
 * and survived. The launcher starts the JVM with -Xrs as PID 1, so that signals sent to init (a
 * stray {@code kill 1}) are ignored rather than shutting the JVM down.
 */
final class InitMode {
    private InitMode() {}

    /** Never returns. */
    static void run(String[] args) {
        try {
            new SystemSetup(Path.of("/"), NativeInit.load(), BootLaunch::log).run();
            int status = Main.run(args);
            System.err.println("jkboot exited with status " + status);
        } catch (Throwable t) {
            ErrorReporter.report(t, new PrintWriter(System.err, true));
        }
        RescueShell.forever(BootLaunch::log);
    }
}
