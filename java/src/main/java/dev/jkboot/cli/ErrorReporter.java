package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
import java.io.PrintWriter;

/**
 * Turns a failed command into one clear report on stderr: what went wrong, then what to do. A
 * {@link JkbootException} is an expected refusal; running out of memory or stack (a
 * {@link VirtualMachineError}) is the host's limit, not a crash, and is reported the same way,
 * without a stack trace; anything else is a bug and says so.
 */
final class ErrorReporter {
    private ErrorReporter() {}

    /** Reports any failure (PID 1 reports Errors too) and returns the exit status it stands for. */
    static int report(Throwable failure, PrintWriter err) {
        if (failure instanceof JkbootException e) {
            err.println("jkboot: error: " + e.getMessage());
            if (!e.fix().isEmpty()) {
                err.println("jkboot: fix: " + e.fix());
            }
            err.flush();
            return e.exitStatus();
        }
        if (failure instanceof VirtualMachineError e) {
            return exhausted(e, err);
        }
        err.println("jkboot: internal error (a bug in jkboot, please report it): " + failure);
        failure.printStackTrace(err);
        err.flush();
        return ExitStatus.INTERNAL;
    }

    /**
     * Out of heap, of native memory or of stack, or a mapped file that could not be read: one error
     * line and one fix line. Nothing else is allocated first (the strings are small), so the report
     * gets out even when the heap is full.
     */
    static int exhausted(VirtualMachineError e, PrintWriter err) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int status;
        if (e instanceof OutOfMemoryError) {
            err.println("jkboot: error: out of memory (" + what + "); the Java heap may grow to "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
            err.println("jkboot: fix: give jkboot more memory: more RAM, or a larger heap (-Xmx in the launcher, "
                    + "/usr/bin/jkboot); or boot fewer or smaller kernels and modules (raw files such as an md_image "
                    + "are mapped, not read into the heap)");
            status = ExitStatus.HOST;
        } else if (e instanceof StackOverflowError) {
            err.println("jkboot: error: out of stack (StackOverflowError)");
            err.println("jkboot: fix: a configuration nested this deep is likely a bug in jkboot: report it with "
                    + "the command line; a larger stack (-Xss in the launcher) may get past it");
            status = ExitStatus.INTERNAL;
        } else if (what.contains("unsafe memory access")) {
            err.println("jkboot: error: a mapped file could not be read (it shrank while jkboot used it, or the "
                    + "disk failed): " + what);
            err.println("jkboot: fix: check the disk (dmesg shows the driver's view) and that nothing changes the "
                    + "FreeBSD files during the boot");
            status = ExitStatus.INPUT;
        } else {
            err.println("jkboot: error: the Java VM failed: " + e);
            err.println("jkboot: fix: report this with the command line; the runtime may be damaged "
                    + "(reinstall /opt/jkboot/runtime)");
            status = ExitStatus.INTERNAL;
        }
        err.flush();
        return status;
    }
}
