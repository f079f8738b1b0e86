package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
import dev.jkboot.autoboot.BootEnvironments;
import dev.jkboot.autoboot.ConfiguredBoot;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.kld.DependencyResolver;
import dev.jkboot.kld.ModulePath;
import dev.jkboot.loaderconf.BootFilesModules;
import dev.jkboot.autoboot.OpenRoot;
import dev.jkboot.autoboot.RootLocation;
import dev.jkboot.boot.BootHost;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSequence;
import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.entropy.EntropySource;
import dev.jkboot.entropy.PlatformEntropy;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostDescription;
import dev.jkboot.loaderconf.BootFiles;
import dev.jkboot.loaderconf.ConfigProblem;
import dev.jkboot.loaderconf.LoaderConfException;
import dev.jkboot.loaderconf.LoaderConfReader;
import dev.jkboot.loaderconf.LoaderConfig;
import dev.jkboot.loaderconf.ModuleFile;
import dev.jkboot.loaderconf.ParsedConfig;
import dev.jkboot.menu.MenuChoice;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.verify.Severity;
import dev.jkboot.verify.VerifiedBootFiles;
import dev.jkboot.verify.Verifier;
import dev.jkboot.verify.VerifyException;
import dev.jkboot.verify.VerifyPolicy;
import dev.jkboot.tpm.MeasuredBoot;
import java.io.PrintStream;
import java.time.Clock;
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
    private record Chosen(LoaderConfig config, RootFiles files) {}

    /**
     * One root's files as the boot reads them, each verified as FreeBSD's loader would: configuration
     * files at the severity guessed from their names, what is loaded for FreeBSD as VE_MUST, and the
     * files a dependency search reads (modules MUST, linker.hints only TRY, as module.c).
     */
    private record RootFiles(BootFiles config, BootFiles boot, BootFiles modules) {
        static RootFiles of(BootFiles files, Verifier verifier) {
            return new RootFiles(new VerifiedBootFiles(files, verifier, Severity::guess),
                    new VerifiedBootFiles(files, verifier, path -> Severity.MUST),
                    new VerifiedBootFiles(files, verifier,
                            path -> path.endsWith(".hints") ? Severity.guess(path) : Severity.MUST));
        }
    }

    private final HostDescription host;
    private final RootLocation where;
    private final Map<String, String> presets;
    private final VerifyPolicy policy;
    private final boolean dryRun;
    private final TrampolineSwitches trampoline;
    private final Prompt prompt;
    private final BootLaunch.Runners runners;
    private final MeasuredBoot measuredBoot;
    private final Optional<EntropySource> entropy;
    private final PrintStream out;
    private final Consumer<String> log;
    private final PhaseTimer timer = PhaseTimer.sinceProcessStart();

    /**
     * @param presets variables set before loader.conf is read (the files may override them)
     * @param policy how the files read from the root are verified
     * @param dryRun print the plan of the configured boot instead of asking and booting
     * @param entropy where platform entropy comes from; empty when switched off
     */
    AutobootFlow(HostDescription host, RootLocation where, Map<String, String> presets, VerifyPolicy policy,
                 boolean dryRun, TrampolineSwitches trampoline, Prompt prompt, BootLaunch.Runners runners,
                 MeasuredBoot measuredBoot, Optional<EntropySource> entropy, PrintStream out, Consumer<String> log) {
        this.host = host;
        this.where = where;
        this.presets = Map.copyOf(presets);
        this.policy = policy;
        this.dryRun = dryRun;
        this.trampoline = trampoline;
        this.prompt = prompt;
        this.runners = runners;
        this.measuredBoot = measuredBoot;
        this.entropy = entropy;
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
            if (policy.active()) {
                log.accept(policy.describe());
            }
            Verifier verifier = new Verifier(policy, Clock.systemUTC(), log);
            RootFiles files = RootFiles.of(root.files(), verifier);
            ParsedConfig parsed = readConfig(files, root);
            LoaderConfig configured = resolve(parsed, files, Optional.empty());
            configured.problems().forEach(this::report);
            timer.mark("root and loader.conf");
            Optional<Chosen> chosen = dryRun ? Optional.of(new Chosen(configured, files))
                    : choose(parsed, configured, root, files, verifier);
            if (chosen.isEmpty()) {
                log.accept("escaping to a shell, as chosen in the boot menu; nothing was loaded");
                return ExitStatus.OK;
            }
            LoaderConfig config = chosen.get().config();
            RootFiles bootFiles = chosen.get().files();
            config.problems().stream().filter(p -> !configured.problems().contains(p)).forEach(this::report);
            timer.mark(dryRun ? "no menu (dry run)" : "menu");
            log.accept(describe(config));
            boolean verbose = config.howto().has(Howto.RB_VERBOSE);
            KexecPlan plan = new BootSequence(FreeBsdArm64.builtIn(), new BootLaunch.Hooks(timer, runners, measuredBoot) {
                @Override
                public BootRequest resolveModules(BootRequest given) throws JkbootException {
                    return DependencyResolver.resolve(given, new BootFilesModules(bootFiles.modules()),
                            ModulePath.DEFAULT, true, BootLaunch.LOADER_LINE, log);
                }

                @Override
                public void loaded(KexecPlan plan) {
                    printTimings(verbose);
                }

                @Override
                public void note(String message) {
                    log.accept(message);
                }
            }).run(bootHost, request(config, bootFiles.boot()), trampoline.resolve(bootHost),
                    dryRun ? BootSequence.Mode.DRY_RUN : BootSequence.Mode.BOOT);
            if (dryRun) {
                out.print(PlanText.render(plan));
                printTimings(verbose);
            }
            return ExitStatus.OK;
        }
    }

    /**
     * loader.conf and its chain, read after the variables set before it: what the root sets
     * (currdev and loaddev), then the command line's, which the user may use to override them.
     */
    private ParsedConfig readConfig(RootFiles files, OpenRoot root) throws JkbootException {
        Map<String, String> early = new LinkedHashMap<>(root.deviceVariables());
        early.putAll(presets);
        try {
            return LoaderConfReader.read(files.config(), early);
        } catch (LoaderConfException e) {
            throw VerifyException.refusalIn(e);
        }
    }

    private static LoaderConfig resolve(ParsedConfig parsed, RootFiles files, Optional<String> kernel)
            throws JkbootException {
        try {
            return parsed.resolve(files.config(), kernel);
        } catch (LoaderConfException e) {
            throw VerifyException.refusalIn(e);
        }
    }

    /** The configured boot, with platform entropy last unless switched off here or in loader.conf. */
    private BootRequest request(LoaderConfig config, BootFiles files) {
        BootRequest request = ConfiguredBoot.request(config, files);
        String seed = config.environment().get(PlatformEntropy.SWITCH_VARIABLE);
        if (entropy.isEmpty() || !PlatformEntropy.wanted(seed)) {
            return request;
        }
        return PlatformEntropy.append(request, entropy.get(), log);
    }

    /**
     * The menu's answer applied: another kernel is looked up again, the howto word replaces the
     * configured one; another boot environment's loader.conf is read and its configured kernel booted,
     * as FreeBSD's loader reloads the configuration when a boot environment is chosen (menu.lua).
     */
    private Optional<Chosen> choose(ParsedConfig parsed, LoaderConfig config, OpenRoot root, RootFiles files,
                                    Verifier verifier) throws JkbootException {
        Optional<MenuChoice> answer = prompt.ask(config, root.environments());
        if (answer.isEmpty()) {
            return Optional.of(new Chosen(config, files));
        }
        if (answer.get() instanceof MenuChoice.Boot boot) {
            LoaderConfig kernel = boot.kernel().equals(config.kernel()) ? config
                    : resolve(parsed, files, Optional.of(boot.kernel()));
            return Optional.of(new Chosen(kernel.withHowto(boot.howto()), files));
        }
        if (answer.get() instanceof MenuChoice.BootEnvironment be) {
            OpenRoot other = root.environments().open(be.dataset());
            log.accept("boot environment chosen in the boot menu: " + other.description());
            RootFiles otherFiles = RootFiles.of(other.files(), verifier);
            LoaderConfig chosen = resolve(readConfig(otherFiles, other), otherFiles, Optional.empty());
            chosen.problems().forEach(this::report);
            return Optional.of(new Chosen(chosen.withHowto(be.howto()), otherFiles));
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
