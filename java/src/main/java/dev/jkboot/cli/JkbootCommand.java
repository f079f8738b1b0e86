package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.UsageException;

/**
 * One jkboot command: the table of what it accepts, whose setters fill the command's fields as
 * the command line is read, and what it then does.
 */
interface JkbootCommand {
    CommandTable table();

    /** Runs with the options read; returns the exit status. */
    int call() throws JkbootException, UsageException;
}
