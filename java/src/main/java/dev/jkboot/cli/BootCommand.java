package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHost;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.boot.BootSequence;
import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.entropy.EntropySource;
import dev.jkboot.entropy.PlatformEntropy;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostRoot;
import dev.jkboot.host.HostDescription;
import dev.jkboot.json.JsonWriter;
import dev.jkboot.loaderconf.BootArguments;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkboot boot}: load a FreeBSD kernel with its files and jump to it, in kexec-tools' spirit
 * ({@code --load-only}, {@code --exec}, {@code --unload}, {@code --dry-run}). Nothing irreversible
 * happens before the plan is valid, and reboot is called only after kexec_load succeeded.
 */
@Command(name = "boot", sortOptions = false,
        description = {"Load a FreeBSD arm64 kernel and boot it with kexec.",
                "WORDS are FreeBSD boot switches (-a -C -d -D -g -h -m -p -P -r -s -v, as for the loader's "
                        + "'boot' command) and name=value kernel environment variables. -v also makes jkboot "
                        + "print its phase timings and peak RSS."})
final class BootCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Mixin
    HostRootOption hostRoot;

    @Option(names = "--kernel", paramLabel = "PATH", description = "The FreeBSD arm64 kernel (ELF).")
    Path kernel;

    @Option(names = "--module", paramLabel = "PATH[:TYPE]",
            description = "A further file: an ELF kernel module (.ko), or with :TYPE a raw file of that type "
                    + "(md_image, dtb, ...). Repeatable; loaded in order.")
    List<String> modules = new ArrayList<>();

    @Option(names = "--dtb", paramLabel = "PATH",
            description = "Hand this device tree to FreeBSD instead of the host's.")
    Path dtb;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--dry-run", description = "Print the plan; load nothing.")
        boolean dryRun;

        @Option(names = "--load-only", description = "Load the image but do not jump (like kexec -l).")
        boolean loadOnly;

        @Option(names = "--exec", description = "Jump to the image loaded before (like kexec -e).")
        boolean exec;

        @Option(names = "--unload", description = "Unload a loaded image (like kexec -u).")
        boolean unload;
    }

    @Mixin
    TrampolineSwitches trampoline;

    @Option(names = "--timings", description = "Print phase timings and the peak RSS on stderr.")
    boolean timings;

    @Option(names = "--no-platform-entropy",
            description = "Give FreeBSD no entropy from Linux's getrandom (a boot_entropy_platform file of 2048 "
                    + "bytes after the other files, on by default).")
    boolean noPlatformEntropy;

    @Option(names = "--json", description = "With --dry-run or --load-only: print the plan (and timings) as JSON "
            + "on stdout (keys in docs/boot-json.md).")
    boolean json;

    @Parameters(paramLabel = "WORDS", description = "Boot switches (-sv) and name=value variables.")
    List<String> words = new ArrayList<>();

    private final PhaseTimer timer = PhaseTimer.sinceProcessStart();

    @Override
    public Integer call() throws JkbootException {
        timer.mark("jvm start to main");
        HostRoot root = hostRoot.root();
        BootArguments args = BootArguments.parse(words);
        Howto requested = args.howto().or(Howto.fromEnvironment(args.environment()));
        boolean verbose = timings || requested.has(Howto.RB_VERBOSE);

        HostDescription described = HostDescription.read(root, System.getProperty("os.arch"));
        if (!mode.dryRun) {
            BootLaunch.preflight(described);
        }
        timer.mark("preflight");
        Target target = FreeBsdArm64.builtIn();
        if (mode.unload || mode.exec) {
            KexecRunner runner = BootLaunch.runner(target.kexecArchFlag());
            if (mode.unload) {
                runner.unload();
                BootLaunch.log("unloaded");
                return 0;
            }
            runner.jump();
        }
        if (kernel == null) {
            throw new KexecException("no kernel given", "pass --kernel PATH (e.g. /boot/kernel/kernel)");
        }
        BootHost host = BootHosts.from(described, BootLaunch::log);
        timer.mark("discovery");
        List<BootRequest.FileSpec> files = new ArrayList<>();
        for (String m : modules) {
            files.add(fileSpec(m));
        }
        BootRequest request = new BootRequest(BootSource.of(kernel), files,
                Optional.ofNullable(dtb).map(BootSource::of), args.howto(),
                args.environment());
        Optional<EntropySource> entropy = BootLaunch.entropy(noPlatformEntropy, mode.dryRun);
        if (entropy.isPresent()) {
            request = PlatformEntropy.append(request, entropy.get(), BootLaunch::log);
        }
        BootSequence.Mode how = mode.dryRun ? BootSequence.Mode.DRY_RUN
                : mode.loadOnly ? BootSequence.Mode.LOAD_ONLY : BootSequence.Mode.BOOT;
        KexecPlan plan = new BootSequence(target, new BootLaunch.Hooks(timer, BootLaunch::runner) {
            @Override
            public void loaded(KexecPlan loaded) {
                if (mode.loadOnly && json) {
                    printPlan(loaded);
                }
                printTimings(verbose);
            }
        }).run(host, request, trampoline.resolve(host), how);
        if (mode.dryRun) {
            printPlan(plan);
            printTimings(verbose);
            return 0;
        }
        BootLaunch.log("loaded; start it with 'jkboot boot --exec'");
        return 0;
    }

    /** {@code PATH} or {@code PATH:TYPE}; a colon inside a directory name is part of the path. */
    static BootRequest.FileSpec fileSpec(String word) {
        int colon = word.lastIndexOf(':');
        if (colon > 0 && word.indexOf('/', colon) < 0 && colon < word.length() - 1) {
            return new BootRequest.FileSpec(BootSource.of(Path.of(word.substring(0, colon))),
                    Optional.of(word.substring(colon + 1)),
                    Optional.empty());
        }
        return new BootRequest.FileSpec(BootSource.of(Path.of(word)), Optional.empty(), Optional.empty());
    }

    private void printPlan(KexecPlan plan) {
        System.out.print(json ? JsonWriter.write(PlanJson.of(plan, timer.phases(), PeakRss.ofThisProcess()))
                : PlanText.render(plan));
        System.out.flush();
    }

    private void printTimings(boolean verbose) {
        if (verbose) {
            BootLaunch.log(timer.render(PeakRss.ofThisProcess()));
        }
    }
}
