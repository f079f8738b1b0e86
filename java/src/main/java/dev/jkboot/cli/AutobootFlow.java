package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
import dev.jkboot.autoboot.BootEnvironments;
import dev.jkboot.autoboot.ConfiguredBoot;
import dev.jkboot.autoboot.OpenRoot;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.boot.BootHost;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.boot.BootSequence;
import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostDescription;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.ConfigProblem;
import dev.jkboot.loaderconf.LoaderConfReader;
import dev.jkboot.loaderconf.LoaderConfig;
import dev.jkboot.loaderconf.ModuleFile;
import dev.jkboot.loaderconf.ParsedConfig;
import dev.jkboot.menu.MenuChoice;
import dev.jkboot.plan.KexecPlan;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The boot FreeBSD users expect, in kboot's order: find the FreeBSD root, read its loader.conf,
 * let the person at the console change the boot in the menu, then boot the kernel and modules
 * from that root. Configuration problems are reported with file and line and skipped, never
 * fatal. The host is discovered before the menu, so a host that cannot boot says so before
 * anyone waits for a countdown.
 */
final class AutobootFlow {
    /** Asks the person at the console; empty when nobody can be asked (then the configured boot runs). */
    interface Prompt {
        Optional<MenuChoice> ask(LoaderConfig config, BootEnvironments environments);
    }

    /** The configuration to boot and the root its files come from (another boot environment's, if chosen). */
    private record Chosen(LoaderConfig config, BootFiles files) {}

    private final HostDescription host;
    private final RootLocation where;
    private final Map<String, String> presets;
    private final boolean dryRun;
    private final TrampolineSwitches trampoline;
    private final Prompt prompt;
    private final BootLaunch.Runners runners;
    private final PrintStream out;
    private final Consumer<String> log;
    private final PhaseTimer timer = PhaseTimer.sinceProcessStart();

    /**
     * @param presets variables set before loader.conf is read (the files may override them)
     * @param dryRun print the plan of the configured boot instead of asking and booting
     */
    AutobootFlow(HostDescription host, RootLocation where, Map<String, String> presets, boolean dryRun,
                 TrampolineSwitches trampoline, Prompt prompt, BootLaunch.Runners runners, PrintStream out,
                 Consumer<String> log) {
        this.host = host;
        this.where = where;
        this.presets = Map.copyOf(presets);
        this.dryRun = dryRun;
        this.trampoline = trampoline;
        this.prompt = prompt;
        this.runners = runners;
        this.out = out;
        this.log = log;
    }

    int run() throws JkbootException {
        timer.mark("jvm start to main");
        BootHost bootHost = BootHosts.from(host, log);
        timer.mark("discovery");
        try (OpenRoot root = where.open(host.root().dir())) {
            log.accept("FreeBSD root: " + root.description());
            root.notes().forEach(note -> log.accept("passed over: " + note));
            ParsedConfig parsed = LoaderConfReader.read(root.files(), variables(root));
            LoaderConfig configured = parsed.resolve(root.files(), Optional.empty());
            configured.problems().forEach(this::report);
            timer.mark("root and loader.conf");
            Optional<Chosen> chosen = dryRun ? Optional.of(new Chosen(configured, root.files()))
                    : choose(parsed, configured, root);
            if (chosen.isEmpty()) {
                log.accept("escaping to a shell, as chosen in the boot menu; nothing was loaded");
                return ExitStatus.OK;
            }
            LoaderConfig config = chosen.get().config();
            config.problems().stream().filter(p -> !configured.problems().contains(p)).forEach(this::report);
            timer.mark(dryRun ? "no menu (dry run)" : "menu");
            log.accept(describe(config));
            boolean verbose = config.howto().has(Howto.RB_VERBOSE);
            KexecPlan plan = new BootSequence(FreeBsdArm64.builtIn(), new BootLaunch.Hooks(timer, runners) {
                @Override
                public void loaded(KexecPlan plan) {
                    printTimings(verbose);
                }
            }).run(bootHost, ConfiguredBoot.request(config, chosen.get().files()), trampoline.resolve(bootHost),
                    dryRun ? BootSequence.Mode.DRY_RUN : BootSequence.Mode.BOOT);
            if (dryRun) {
                out.print(PlanText.render(plan));
                printTimings(verbose);
            }
            return ExitStatus.OK;
        }
    }

    /**
     * The variables set before loader.conf is read: what the root sets (currdev and loaddev of a
     * ZFS dataset), then the command line's, which the user may use to override them.
     */
    private Map<String, String> variables(OpenRoot root) {
        Map<String, String> variables = new LinkedHashMap<>(root.deviceVariables());
        variables.putAll(presets);
        return variables;
    }

    /**
     * The menu's answer applied: another kernel is looked up again, the howto word replaces the
     * configured one; another boot environment's loader.conf is read and its configured kernel booted,
     * as FreeBSD's loader reloads the configuration when a boot environment is chosen (menu.lua).
     */
    private Optional<Chosen> choose(ParsedConfig parsed, LoaderConfig config, OpenRoot root)
            throws JkbootException {
        Optional<MenuChoice> answer = prompt.ask(config, root.environments());
        if (answer.isEmpty()) {
            return Optional.of(new Chosen(config, root.files()));
        }
        if (answer.get() instanceof MenuChoice.Boot boot) {
            LoaderConfig kernel = boot.kernel().equals(config.kernel()) ? config
                    : parsed.resolve(root.files(), Optional.of(boot.kernel()));
            return Optional.of(new Chosen(kernel.withHowto(boot.howto()), root.files()));
        }
        if (answer.get() instanceof MenuChoice.BootEnvironment be) {
            OpenRoot other = root.environments().open(be.dataset());
            log.accept("boot environment chosen in the boot menu: " + other.description());
            LoaderConfig chosen = LoaderConfReader.read(other.files(), variables(other))
                    .resolve(other.files(), Optional.empty());
            chosen.problems().forEach(this::report);
            return Optional.of(new Chosen(chosen.withHowto(be.howto()), other.files()));
        }
        return Optional.empty();
    }

    private void report(ConfigProblem problem) {
        log.accept(problem.toString());
    }

    static String describe(LoaderConfig config) {
        List<ModuleFile> modules = config.modules();
        String files = modules.isEmpty() ? "no modules" : modules.stream()
                .map(m -> m.path() + m.args().map(a -> " [" + a + "]").orElse(""))
                .collect(Collectors.joining(", "));
        return "kernel %s, %s, howto %s, root %s".formatted(config.kernelPath(), files, config.howto(),
                config.rootMountFrom().orElse("not set"));
    }

    private void printTimings(boolean verbose) {
        if (verbose) {
            log.accept(timer.render(PeakRss.ofThisProcess()));
        }
    }
}
