package dev.jkboot.cli;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
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
        Optional<MenuChoice> ask(LoaderConfig config);
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
            // One verifier for the boot; configuration files verified as FreeBSD guesses from their
            // names, everything loaded for FreeBSD as VE_MUST.
            Verifier verifier = new Verifier(policy, Clock.systemUTC(), log);
            BootFiles configFiles = new VerifiedBootFiles(root.files(), verifier, Severity::guess);
            BootFiles bootFiles = new VerifiedBootFiles(root.files(), verifier, path -> Severity.MUST);
            // Dependencies come from the same root: modules MUST verify, linker.hints only TRY (module.c).
            BootFiles moduleFiles = new VerifiedBootFiles(root.files(), verifier,
                    path -> path.endsWith(".hints") ? Severity.guess(path) : Severity.MUST);
            ParsedConfig parsed;
            LoaderConfig configured;
            try {
                Map<String, String> early = new LinkedHashMap<>(root.deviceVariables());
                early.putAll(presets);
                parsed = LoaderConfReader.read(configFiles, early);
                configured = parsed.resolve(configFiles, Optional.empty());
            } catch (LoaderConfException e) {
                throw VerifyException.refusalIn(e);
            }
            configured.problems().forEach(this::report);
            timer.mark("root and loader.conf");
            Optional<LoaderConfig> chosen = dryRun ? Optional.of(configured)
                    : choose(parsed, configured, configFiles);
            if (chosen.isEmpty()) {
                log.accept("escaping to a shell, as chosen in the boot menu; nothing was loaded");
                return ExitStatus.OK;
            }
            LoaderConfig config = chosen.get();
            config.problems().stream().filter(p -> !configured.problems().contains(p)).forEach(this::report);
            timer.mark(dryRun ? "no menu (dry run)" : "menu");
            log.accept(describe(config));
            boolean verbose = config.howto().has(Howto.RB_VERBOSE);
            KexecPlan plan = new BootSequence(FreeBsdArm64.builtIn(), new BootLaunch.Hooks(timer, runners, measuredBoot) {
                @Override
                public BootRequest resolveModules(BootRequest given) throws JkbootException {
                    return DependencyResolver.resolve(given, new BootFilesModules(moduleFiles), ModulePath.DEFAULT,
                            true, BootLaunch::loaderLine, log);
                }

                @Override
                public void loaded(KexecPlan plan) {
                    printTimings(verbose);
                }

                @Override
                public void note(String message) {
                    log.accept(message);
                }
            }).run(bootHost, request(config, bootFiles), trampoline.resolve(bootHost),
                    dryRun ? BootSequence.Mode.DRY_RUN : BootSequence.Mode.BOOT);
            if (dryRun) {
                out.print(PlanText.render(plan));
                printTimings(verbose);
            }
            return ExitStatus.OK;
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

    /** The menu's answer applied: another kernel is looked up again, the howto word replaces the configured one. */
    private Optional<LoaderConfig> choose(ParsedConfig parsed, LoaderConfig config, BootFiles files)
            throws LoaderConfException {
        Optional<MenuChoice> answer = prompt.ask(config);
        if (answer.isEmpty()) {
            return Optional.of(config);
        }
        if (answer.get() instanceof MenuChoice.Boot boot) {
            LoaderConfig kernel = boot.kernel().equals(config.kernel()) ? config
                    : parsed.resolve(files, Optional.of(boot.kernel()));
            return Optional.of(kernel.withHowto(boot.howto()));
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
