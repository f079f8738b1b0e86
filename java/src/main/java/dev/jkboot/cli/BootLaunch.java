package dev.jkboot.cli;

import dev.jkboot.boot.BootSequence;
import dev.jkboot.entropy.EntropySource;
import dev.jkboot.entropy.LinuxGetrandom;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.LoadProgress;
import dev.jkboot.exec.NativeKexec;
import dev.jkboot.exec.Preflight;
import dev.jkboot.host.HostDescription;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.Measurement;
import dev.jkboot.tpm.TpmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every command that boots shares, whatever it boots: the preflight that refuses a Linux that
 * cannot kexec before anything is read, the kexec runner, the boot sequence's hooks and the log.
 */
final class BootLaunch {
    /**
     * {@link #log} as a consumer, one object for every caller: an anonymous class, not a method
     * reference at each call site, each of which costs milliseconds to link at start-up under
     * emulation (issue 12).
     */
    static final Consumer<String> LOG = new Consumer<>() {
        @Override
        public void accept(String message) {
            log(message);
        }
    };

    /** {@link #loaderLine} as a consumer, likewise. */
    static final Consumer<String> LOADER_LINE = new Consumer<>() {
        @Override
        public void accept(String line) {
            loaderLine(line);
        }
    };

    private BootLaunch() {}

    /** Refuses a Linux that will not kexec, and a host root other than this machine's {@code /}. */
    static void preflight(HostDescription host) throws KexecException {
        Preflight.check(host.readiness());
        if (!host.root().isSystem()) {
            throw new KexecException("--host-root " + host.root().dir() + " describes another machine; only a dry "
                    + "run can use it", "add --dry-run");
        }
    }

    /** kexec through the native shim; as PID 1 nothing is synced before the jump. */
    static KexecRunner runner(long kexecArchFlag) throws KexecException {
        return runner(kexecArchFlag, false);
    }

    /** The same, showing the loading of big files on stderr unless {@code quiet} (--json). */
    static KexecRunner runner(long kexecArchFlag, boolean quiet) throws KexecException {
        boolean init = InitMode.active();
        NativeKexec kexec = NativeKexec.load(kexecArchFlag, LoadProgress.onStderr(quiet));
        return new KexecRunner(kexec, init, BootLaunch.LOG);
    }

    /**
     * Where platform entropy comes from: nowhere when switched off, zeros in a dry run (the plan
     * holds the same file, but nothing is drawn for a boot that does not happen), else getrandom(2).
     */
    static Optional<EntropySource> entropy(boolean off, boolean dryRun) {
        if (off) {
            return Optional.empty();
        }
        return Optional.of(dryRun ? new Zeros() : new LinuxGetrandom());
    }

    /** A dry run's entropy: zeros, drawn from nowhere. */
    private static final class Zeros implements EntropySource {
        @Override
        public byte[] read(int size) {
            return new byte[size];
        }
    }

    /** Progress and findings, on stderr (results go to stdout). */
    static void log(String message) {
        System.err.println("jkboot: " + message);
    }

    /** A line FreeBSD's loader would print while loading, on stderr as the loader's own, unprefixed. */
    static void loaderLine(String line) {
        System.err.println(line);
    }

    /** Creates the kexec runner for an architecture flag (the native shim, or a fake in tests). */
    interface Runners {
        KexecRunner create(long kexecArchFlag) throws KexecException;
    }

    /**
     * The boot sequence's hooks for a command: phases timed, the runner it was given, the measured boot
     * of its TPM options, the plan as text.
     */
    abstract static class Hooks implements BootSequence.Hooks {
        private final PhaseTimer timer;
        private final Runners runners;
        private final MeasuredBoot measuredBoot;

        Hooks(PhaseTimer timer, Runners runners, MeasuredBoot measuredBoot) {
            this.timer = timer;
            this.runners = runners;
            this.measuredBoot = measuredBoot;
        }

        @Override
        public void phase(String name) {
            timer.mark(name);
        }

        @Override
        public KexecRunner runner(long kexecArchFlag) throws KexecException {
            return runners.create(kexecArchFlag);
        }

        @Override
        public void measure(List<Measurement> measurements) throws TpmException {
            measuredBoot.measure(measurements);
        }

        @Override
        public String render(KexecPlan plan) {
            return PlanText.render(plan);
        }

        @Override
        public void note(String message) {
            log(message);
        }
    }
}
