package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.cli.args.CommandSummary;
import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.HelpText;
import dev.jkboot.cli.args.Parser;
import dev.jkboot.cli.args.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jkboot} command: subcommands for each job, errors reported by {@link ErrorReporter}.
 * With no subcommand it boots FreeBSD as its loader would ({@link AutobootCommand}).
 */
public final class Main {
    static final String SUMMARY = "Boots FreeBSD from a running Linux kernel with kexec (LinuxBoot).";

    /**
     * The subcommands, in the order help lists them. Only the table of the command a run names is
     * built: the others are these two strings each.
     */
    static final List<CommandSummary> SUBCOMMANDS = List.of(
            new CommandSummary("probe", ProbeCommand.SUMMARY),
            new CommandSummary("boot", BootCommand.SUMMARY),
            new CommandSummary("autoboot", AutobootCommand.SUMMARY));

    private Main() {}

    public static void main(String[] args) {
        if (InitMode.active()) {
            InitMode.run(args);
        } else {
            System.exit(run(args));
        }
    }

    /**
     * Runs jkboot and returns its exit status; never calls {@link System#exit}. A usage error is
     * reported before anything is read; running out of memory or stack ends in the same one-line
     * report as any refusal.
     */
    public static int run(String... args) {
        String name = "jkboot";
        try {
            Optional<JkbootCommand> named = args.length == 0 ? Optional.empty() : subcommand(args[0]);
            JkbootCommand command = named.isPresent() ? named.get() : autobootByDefault();
            CommandTable table = command.table();
            name = table.name();
            switch (Parser.parse(table, List.of(args).subList(named.isPresent() ? 1 : 0, args.length))) {
                case HELP:
                    System.out.print(HelpText.render(table));
                    System.out.flush();
                    return ExitStatus.OK;
                case VERSION:
                    System.out.println(VersionProvider.current());
                    return ExitStatus.OK;
                default:
                    return command.call();
            }
        } catch (UsageException e) {
            System.err.print(e.report(name));
            System.err.flush();
            return ExitStatus.USAGE;
        } catch (VirtualMachineError e) {
            return ErrorReporter.exhausted(e, new PrintWriter(System.err, true));
        } catch (Exception e) {
            return ErrorReporter.report(e, new PrintWriter(System.err, true));
        }
    }

    private static Optional<JkbootCommand> subcommand(String word) {
        switch (word) {
            case "probe":
                return Optional.of(new ProbeCommand());
            case "boot":
                return Optional.of(new BootCommand());
            case "autoboot":
                return Optional.of(new AutobootCommand());
            default:
                return Optional.empty();
        }
    }

    /** {@code jkboot} alone: the autoboot, with jkboot's description and the subcommands in its help. */
    private static JkbootCommand autobootByDefault() {
        CommandTable.Builder jkboot = CommandTable.named("jkboot").describe(SUMMARY, "With no subcommand: find the "
                + "FreeBSD root, read its loader.conf, offer the boot menu and boot (as 'jkboot autoboot'). Run as PID 1 "
                + "it first mounts /proc, /sys and /dev, and keeps a rescue shell on the console whatever happens.");
        for (CommandSummary s : SUBCOMMANDS) {
            jkboot.subcommand(s);
        }
        return new AutobootCommand(jkboot);
    }
}
