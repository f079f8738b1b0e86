package dev.jkboot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jkboot} command: subcommands for each job, errors reported by {@link ErrorReporter}. */
@Command(name = "jkboot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Boots FreeBSD from a running Linux kernel with kexec (LinuxBoot).",
        subcommands = {ProbeCommand.class, BootCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs jkboot and returns its exit status; never calls {@link System#exit}. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        // FreeBSD boot switches (-sv) reach `boot` as words, as they do the loader's boot command.
        cli.setUnmatchedOptionsArePositionalParams(true);
        return cli.execute(args);
    }
}
