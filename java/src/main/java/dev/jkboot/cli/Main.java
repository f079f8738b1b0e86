package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code jkboot} command: subcommands for each job, errors reported by {@link ErrorReporter}.
 * With no subcommand it boots FreeBSD as its loader would ({@link AutobootCommand}).
 */
@Command(name = "jkboot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Boots FreeBSD from a running Linux kernel with kexec (LinuxBoot).",
                "With no subcommand: find the FreeBSD root, read its loader.conf, offer the boot menu and boot "
                        + "(as 'jkboot autoboot'). Run as PID 1 it first mounts /proc, /sys and /dev, and "
                        + "keeps a rescue shell on the console whatever happens."},
        subcommands = {ProbeCommand.class, BootCommand.class, AutobootCommand.class})
public final class Main implements Callable<Integer> {
    @Mixin
    AutobootOptions autoboot;

    public static void main(String[] args) {
        if (ProcessHandle.current().pid() == 1) {
            InitMode.run(args);
        } else {
            System.exit(run(args));
        }
    }

    /**
     * Runs jkboot and returns its exit status; never calls {@link System#exit}. Running out of
     * memory or stack ends in the same one-line report as any refusal (picocli passes only
     * Exceptions to its handler; Errors come through here).
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        // FreeBSD boot switches (-sv) reach `boot` as words, as they do the loader's boot command.
        cli.getSubcommands().get("boot").setUnmatchedOptionsArePositionalParams(true);
        try {
            return cli.execute(args);
        } catch (VirtualMachineError e) {
            return ErrorReporter.exhausted(e, cli.getErr());
        }
    }

    @Override
    public Integer call() throws JkbootException {
        return AutobootCommand.run(autoboot);
    }
}
