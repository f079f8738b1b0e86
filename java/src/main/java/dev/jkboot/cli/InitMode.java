package dev.jkboot.cli;

import dev.jkboot.init.NativeInit;
import dev.jkboot.init.RescueShell;
import dev.jkboot.init.SystemSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    /**
     * Whether this process is PID 1. /proc/self names the PID and costs one readlink; before /init
     * or this mode has mounted /proc, ProcessHandle answers (whose class set-up, a reaper thread
     * pool built with lambdas, cost 0.2-0.4 s at every start under qemu-user). In a PID namespace
     * whose /proc was not mounted afresh, /proc/self is the outer PID: such a process is no
     * machine's init, and runs as an ordinary one.
     */
    static boolean active() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString().equals("1");
        } catch (IOException e) {
            return ProcessHandle.current().pid() == 1;
        }
    }

    /** Never returns. */
    static void run(String[] args) {
        try {
            new SystemSetup(Path.of("/"), NativeInit.load(), BootLaunch.LOG).run();
            int status = Main.run(args);
            System.err.println("jkboot exited with status " + status);
        } catch (Throwable t) {
            ErrorReporter.report(t, new PrintWriter(System.err, true));
        }
        RescueShell.forever(BootLaunch.LOG);
    }
}
