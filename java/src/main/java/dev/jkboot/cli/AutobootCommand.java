package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.UsageException;
import dev.jkboot.host.HostDescription;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jkboot autoboot}, also what {@code jkboot} alone runs: the boot FreeBSD users expect
 * ({@link AutobootFlow}), after the same preflight as {@code jkboot boot}.
 */
final class AutobootCommand implements JkbootCommand {
    static final String SUMMARY = "Boot FreeBSD as its loader would (what jkboot with no subcommand does): find the "
            + "FreeBSD root on the disks (GPT or MBR, freebsd-ufs, else a ZFS pool's bootfs; read-only), read "
            + "/boot/defaults/loader.conf, /boot/loader.conf, /boot/loader.conf.d/*.conf and "
            + "/boot/loader.conf.local, offer the boot menu with the autoboot_delay countdown when standard input "
            + "and output are a terminal (otherwise boot at once), and boot the kernel and modules from that root "
            + "with kexec.";

    private final AutobootOptions options = new AutobootOptions();
    private final CommandTable table;

    /** {@code jkboot autoboot}. */
    AutobootCommand() {
        this(CommandTable.named("jkboot autoboot").describe(SUMMARY));
    }

    /** The autoboot under another name and description: {@code jkboot} alone. */
    AutobootCommand(CommandTable.Builder named) {
        table = named.add(options.options()).words(options.words()).standardHelp().build();
    }

    @Override
    public CommandTable table() {
        return table;
    }

    @Override
    public int call() throws JkbootException, UsageException {
        Map<String, String> presets = options.presets();
        RootLocation location = options.location();
        HostDescription host = HostDescription.read(options.hostRoot.root(), System.getProperty("os.arch"));
        if (!options.dryRun) {
            BootLaunch.preflight(host);
        }
        AutobootFlow.Prompt prompt = options.dryRun ? (config, environments) -> Optional.empty()
                : new ConsolePrompt(BootLaunch.LOG);
        return new AutobootFlow(host, location, presets, options.verify.policy(host), options.dryRun,
                options.trampoline, prompt, BootLaunch::runner, options.tpm.measuredBoot(BootLaunch.LOG),
                BootLaunch.entropy(options.noPlatformEntropy, options.dryRun), System.out, BootLaunch.LOG).run();
    }
}
