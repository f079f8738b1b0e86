package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear report on stderr: what went wrong, then what to do. A
 * {@link JkbootException} is an expected refusal; anything else is a bug and says so.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        return report(ex, cmd.getErr());
    }

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
        err.println("jkboot: internal error (a bug in jkboot, please report it): " + failure);
        failure.printStackTrace(err);
        err.flush();
        return ExitStatus.INTERNAL;
    }
}
