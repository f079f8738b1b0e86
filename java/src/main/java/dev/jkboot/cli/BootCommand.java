package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHost;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.boot.BootSequence;
import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.cli.args.CommandTable;
import dev.jkboot.cli.args.Option;
import dev.jkboot.cli.args.Words;
import dev.jkboot.entropy.EntropySource;
import dev.jkboot.entropy.PlatformEntropy;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.host.HostRoot;
import dev.jkboot.host.HostDescription;
import dev.jkboot.json.JsonWriter;
import dev.jkboot.kld.DependencyResolver;
import dev.jkboot.kld.HostModuleFiles;
import dev.jkboot.kld.ModuleFiles;
import dev.jkboot.loaderconf.BootArguments;
import dev.jkboot.loaderconf.DirectoryBootFiles;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.verify.VerifiedBootSource;
import dev.jkboot.verify.Verifier;
import dev.jkboot.verify.VerifyPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
/**
 * {@code jkboot boot}: load a FreeBSD kernel with its files and jump to it, in kexec-tools' spirit
 * ({@code --load-only}, {@code --exec}, {@code --unload}, {@code --dry-run}). Nothing irreversible
 * happens before the plan is valid, and reboot is called only after kexec_load succeeded.
 */
final class BootCommand implements JkbootCommand, Option.Setter {
    static final String SUMMARY = "Load a FreeBSD arm64 kernel and boot it with kexec.";
    private static final String WORDS = "WORDS";

    private final HostRootOption hostRoot = new HostRootOption();
    private Path kernel;
    private final List<String> modules = new ArrayList<>();
    private boolean noDeps;
    private Path dtb;
    private boolean dryRun;
    private boolean loadOnly;
    private boolean exec;
    private boolean unload;
    private final TrampolineSwitches trampoline = new TrampolineSwitches();
    private final VerifyOption verify = new VerifyOption();
    private final TpmSwitches tpm = new TpmSwitches();
    private boolean timings;
    private boolean noPlatformEntropy;
    private boolean json;
    private final List<String> words = new ArrayList<>();

    /** FreeBSD boot switches (-sv) are words, as for the loader's boot command; -h is one of them, so help is --help. */
    @Override
    public CommandTable table() {
        return CommandTable.named("jkboot boot")
                .describe(SUMMARY, "WORDS are FreeBSD boot switches (-a -C -d -D -g -h -m -p -P -r -s -v, as for the "
                        + "loader's 'boot' command) and name=value kernel environment variables. -v also makes jkboot "
                        + "print its phase timings and peak RSS.")
                .add(hostRoot.option())
                .add(Option.value("--kernel", "PATH", "The FreeBSD arm64 kernel (ELF).", this))
                .add(Option.value("--module", "PATH[:TYPE]", "A further file: an ELF kernel module (.ko), or with "
                        + ":TYPE a raw file of that type (md_image, dtb, ...). Repeatable; loaded in order.", this)
                        .repeat())
                .add(Option.flag("--no-deps", "Load only the modules given: do not add the modules they depend on "
                        + "(MDT_DEPEND), which are otherwise looked up in module_path (default: the directories of "
                        + "the kernel and of each --module) with each directory's linker.hints, as FreeBSD's loader "
                        + "does.", this))
                .add(Option.value("--dtb", "PATH", "Hand this device tree to FreeBSD instead of the host's.", this))
                .exclusive(Option.flag("--dry-run", "Print the plan; load nothing.", this),
                        Option.flag("--load-only", "Load the image but do not jump (like kexec -l).", this),
                        Option.flag("--exec", "Jump to the image loaded before (like kexec -e).", this),
                        Option.flag("--unload", "Unload a loaded image (like kexec -u).", this))
                .add(trampoline.options())
                .add(verify.option())
                .add(tpm.options())
                .add(Option.flag("--timings", "Print phase timings and the peak RSS on stderr.", this))
                .add(Option.flag("--no-platform-entropy", "Give FreeBSD no entropy from Linux's getrandom (a "
                        + "boot_entropy_platform file of 2048 bytes after the other files, on by default).", this))
                .add(Option.flag("--json", "With --dry-run or --load-only: print the plan (and timings) as JSON on "
                        + "stdout (keys in docs/boot-json.md).", this))
                .words(new Words(WORDS, "Boot switches (-sv) and name=value variables.", this))
                .switchesAreWords()
                .longHelpOnly()
                .build();
    }

    @Override
    public void set(String name, String value) {
        switch (name) {
            case "--kernel" -> kernel = Path.of(value);
            case "--module" -> modules.add(value);
            case "--no-deps" -> noDeps = true;
            case "--dtb" -> dtb = Path.of(value);
            case "--dry-run" -> dryRun = true;
            case "--load-only" -> loadOnly = true;
            case "--exec" -> exec = true;
            case "--unload" -> unload = true;
            case "--timings" -> timings = true;
            case "--no-platform-entropy" -> noPlatformEntropy = true;
            case "--json" -> json = true;
            case WORDS -> words.add(value);
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    private final PhaseTimer timer = PhaseTimer.sinceProcessStart();

    @Override
    public int call() throws JkbootException {
        timer.mark("jvm start to main");
        HostRoot root = hostRoot.root();
        BootArguments args = BootArguments.parse(words);
        Howto requested = args.howto().or(Howto.fromEnvironment(args.environment()));
        boolean verbose = timings || requested.has(Howto.RB_VERBOSE);
        // The files need no host: they are read on a second thread while this one discovers it.
        Alongside<Files> files = unload || exec || kernel == null ? null
                : Alongside.start("jkboot-files", new Alongside.Work<>() {
                    @Override
                    public Files run(Alongside.Output output) throws JkbootException {
                        return files(root, args, verbose, output);
                    }
                });
        HostDescription described = HostDescription.read(root, System.getProperty("os.arch"));
        if (!dryRun) {
            BootLaunch.preflight(described);
        }
        timer.mark("preflight");
        if (unload || exec) {
            KexecRunner runner = BootLaunch.runner(FreeBsdArm64.KEXEC_ARCH_AARCH64);
            if (unload) {
                runner.unload();
                BootLaunch.log("unloaded");
                return 0;
            }
            runner.jump();
        }
        if (files == null) {
            throw new KexecException("no kernel given", "pass --kernel PATH (e.g. /boot/kernel/kernel)");
        }
        BootHost host = BootHosts.from(described, BootLaunch.LOG);
        timer.mark("discovery");
        Files ready = files.join();
        timer.alongside("files", files.took());
        BootSequence.Mode how = dryRun ? BootSequence.Mode.DRY_RUN
                : loadOnly ? BootSequence.Mode.LOAD_ONLY : BootSequence.Mode.BOOT;
        KexecPlan plan = ready.sequence().run(host, ready.prepared(), trampoline.resolve(host), how);
        if (dryRun) {
            printPlan(plan);
            printTimings(verbose);
            return 0;
        }
        BootLaunch.log("loaded; start it with 'jkboot boot --exec'");
        return 0;
    }

    /** The boot sequence of this run and its files, read as far as they can be without the host. */
    private record Files(BootSequence sequence, BootSequence.Prepared prepared) {}

    /**
     * The verified-boot policy (from the image and the kernel command line), the request with the
     * platform entropy, the trampoline, and the kernel and modules read: what the boot needs besides
     * the host.
     */
    private Files files(HostRoot root, BootArguments args, boolean verbose, Alongside.Output output)
            throws JkbootException {
        VerifyPolicy policy = verify.policy(root);
        if (policy.active()) {
            output.log(policy.describe());
        }
        Verifier verifier = new Verifier(policy, Clock.systemUTC(), output.log());
        List<BootRequest.FileSpec> specs = new ArrayList<>();
        for (String m : modules) {
            BootRequest.FileSpec spec = fileSpec(m);
            specs.add(new BootRequest.FileSpec(verified(spec.source(), verifier), spec.type(), spec.args()));
        }
        BootRequest request = new BootRequest(verified(BootSource.of(kernel), verifier), specs,
                dtb == null ? Optional.empty() : Optional.of(verified(BootSource.of(dtb), verifier)), args.howto(),
                args.environment());
        Optional<EntropySource> entropy = BootLaunch.entropy(noPlatformEntropy, dryRun);
        if (entropy.isPresent()) {
            request = PlatformEntropy.append(request, entropy.get(), output.log());
        }
        BootLaunch.Runners runners = new BootLaunch.Runners() {
            @Override
            public KexecRunner create(long kexecArchFlag) throws KexecException {
                return BootLaunch.runner(kexecArchFlag, json);
            }
        };
        BootSequence sequence = new BootSequence(FreeBsdArm64.builtIn(), new BootLaunch.Hooks(timer, runners,
                tpm.measuredBoot(BootLaunch.LOG)) {
            @Override
            public BootRequest resolveModules(BootRequest given) throws JkbootException {
                return DependencyResolver.resolve(given, verifiedModules(verifier), defaultModulePath(given), !noDeps,
                        output.loaderLine(), output.log());
            }

            @Override
            public void loaded(KexecPlan loaded) {
                if (loadOnly && json) {
                    printPlan(loaded);
                }
                printTimings(verbose);
            }
        });
        return new Files(sequence, sequence.prepare(request));
    }

    /** The kernel's directory, then each ELF module's: where a dependency is looked for unless module_path is set. */
    static String defaultModulePath(BootRequest request) {
        List<String> dirs = new ArrayList<>();
        dirs.add(directory(request.kernel().name()));
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isEmpty()) {
                dirs.add(directory(f.source().name()));
            }
        }
        return String.join(";", dirs);
    }

    private static String directory(String file) {
        return Path.of(file).toAbsolutePath().getParent().toString();
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

    /** Dependencies found on the host, verified like the files named on the command line. */
    private static ModuleFiles verifiedModules(Verifier verifier) {
        ModuleFiles host = new HostModuleFiles();
        return new ModuleFiles() {
            @Override
            public boolean isFile(String path) throws JkbootException {
                return host.isFile(path);
            }

            @Override
            public BootSource source(String path) {
                return verified(host.source(path), verifier);
            }
        };
    }

    /**
     * A file named here, checked against the signed manifests beside it on the host when the policy
     * verifies (its path as the host names it, links left to the walk from "/").
     */
    private static BootSource verified(BootSource source, Verifier verifier) {
        return new VerifiedBootSource(source, verifier, new DirectoryBootFiles(Path.of("/")),
                Path.of(source.name()).toAbsolutePath().normalize().toString());
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
