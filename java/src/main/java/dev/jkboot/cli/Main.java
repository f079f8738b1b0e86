package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
                        + "keeps a rescue shell on the console whatever happens."})
public final class Main implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. picocli reflects over every option of every
     * registered command at start, which under emulation costs seconds: a run registers only what its
     * command line can use ({@link #subcommandsFor}).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("probe", ProbeCommand::new);
        SUBCOMMANDS.put("boot", BootCommand::new);
        SUBCOMMANDS.put("autoboot", AutobootCommand::new);
    }

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
        for (String name : subcommandsFor(args)) {
            cli.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        cli.setExecutionExceptionHandler(new ErrorReporter());
        // FreeBSD boot switches (-sv) reach `boot` as words, as they do the loader's boot command.
        if (cli.getSubcommands().containsKey("boot")) {
            cli.getSubcommands().get("boot").setUnmatchedOptionsArePositionalParams(true);
        }
        try {
            return cli.execute(args);
        } catch (VirtualMachineError e) {
            return ErrorReporter.exhausted(e, cli.getErr());
        }
    }

    /**
     * The subcommands named in {@code args}; none when there are only options (the default autoboot,
     * or --version); all of them for help and for a word that names none, so that usage, errors and
     * picocli's "did you mean" suggestions read as they would with every subcommand registered.
     */
    static List<String> subcommandsFor(String... args) {
        List<String> named = Arrays.stream(args).filter(SUBCOMMANDS::containsKey).distinct().toList();
        if (!named.isEmpty()) {
            return SUBCOMMANDS.keySet().stream().filter(named::contains).toList();
        }
        boolean onlyOptions = Arrays.stream(args).allMatch(a -> a.startsWith("-") && !a.equals("-h")
                && !a.equals("--help"));
        return onlyOptions ? List.of() : List.copyOf(SUBCOMMANDS.keySet());
    }

    @Override
    public Integer call() throws JkbootException {
        return AutobootCommand.run(autoboot);
    }
}
