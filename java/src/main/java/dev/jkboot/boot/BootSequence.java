package dev.jkboot.boot;

import dev.jkboot.JkbootException;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.freebsd.BootImage;
import dev.jkboot.plan.FitCheck;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.Planner;
import dev.jkboot.plan.Target;
import dev.jkboot.plan.TrampolineOptions;
import dev.jkboot.tpm.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one boot sequence that {@code jkboot boot} and autoboot both run, after the host was
 * discovered: load the files (stage 2), place and validate (stage 3), then, unless this is a dry
 * run, the measurements (TPM), {@code kexec_load} and the jump. Nothing irreversible happens
 * before the plan is valid; the jump is made only after kexec_load succeeded. Rendering, timings and the kexec runner come
 * from the caller, so every step runs against fakes on any machine.
 */
public final class BootSequence {
    /** How far to go, in kexec-tools' terms. */
    public enum Mode {
        /** Plan only (kexec-tools has no such mode; jkboot prints the plan). */
        DRY_RUN,
        /** {@code kexec -l}: load, do not jump. */
        LOAD_ONLY,
        /** Load and jump. */
        BOOT
    }

    /** What the caller supplies. */
    public interface Hooks {
        /** A phase just ended, for timings ("loading", "planning", "kexec_load"). */
        void phase(String name);

        /** The kexec runner for this target's architecture flag; asked for only once the plan is valid. */
        KexecRunner runner(long kexecArchFlag) throws KexecException;

        /** The plan for people, for kexec_load's error message. */
        String render(KexecPlan plan);

        /**
         * Measures what is about to be handed over (into the TPM, {@link dev.jkboot.tpm.MeasuredBoot}):
         * called once the plan is valid, just before kexec_load; never in a dry run.
         */
        default void measure(List<Measurement> measurements) throws JkbootException {}

        /** After kexec_load succeeded, before the jump (e.g. print timings). */
        void loaded(KexecPlan plan);

        /**
         * The request with the module dependencies FreeBSD's loader would load added, in its
         * order (see dev.jkboot.kld); as given by default.
         */
        default BootRequest resolveModules(BootRequest request) throws JkbootException {
            return request;
        }
        /** What loading did or skipped that the user should hear of (the loader's own messages). */
        default void note(String message) { }
    }

    private final Target target;
    private final Hooks hooks;

    public BootSequence(Target target, Hooks hooks) {
        this.target = target;
        this.hooks = hooks;
    }

    /**
     * The files of a request as far as they can be read before the host is known: its module
     * dependencies resolved, its kernel and ELF modules read and placed, each watched for the
     * measurements. Raw files are left unread until the fit check.
     */
    public static final class Prepared {
        private final BootRequest request;
        private final BootPlanning.ElfObjects objects;
        private final Measurements measurements;

        private Prepared(BootRequest request, BootPlanning.ElfObjects objects, Measurements measurements) {
            this.request = request;
            this.objects = objects;
            this.measurements = measurements;
        }
    }

    /** Stage 2's part that needs no host ({@link Prepared}); it may run on another thread while the host is read. */
    public Prepared prepare(BootRequest request) throws JkbootException {
        Measurements measurements = new Measurements();
        BootRequest watched = measurements.watch(hooks.resolveModules(request));
        return new Prepared(watched, BootPlanning.readElfObjects(watched), measurements);
    }

    /**
     * Runs the boot up to {@code mode}. Raw files that cannot fit the host are refused before
     * anything is read ({@link FitCheck}).
     *
     * @return the validated plan (for {@link Mode#BOOT} only when the jump failed, which it reports by throwing)
     */
    public KexecPlan run(BootHost host, BootRequest request, TrampolineOptions trampoline, Mode mode)
            throws JkbootException {
        FitCheck.check(rawFiles(request), host.memory(), target);
        return finish(host, prepare(request), trampoline, mode);
    }

    /**
     * The same with the files {@link #prepare prepared} already: raw files that cannot fit the host
     * are refused before any of them is read.
     */
    public KexecPlan run(BootHost host, Prepared prepared, TrampolineOptions trampoline, Mode mode)
            throws JkbootException {
        FitCheck.check(rawFiles(prepared.request), host.memory(), target);
        return finish(host, prepared, trampoline, mode);
    }

    private KexecPlan finish(BootHost host, Prepared prepared, TrampolineOptions trampoline, Mode mode)
            throws JkbootException {
        // Anonymous classes, not lambdas, on the boot path: each lambda site costs start-up (issue 12).
        Consumer<String> notes = new Consumer<>() {
            @Override
            public void accept(String message) {
                hooks.note(message);
            }
        };
        BootImage image = BootPlanning.load(host, prepared.request, prepared.objects, notes);
        hooks.phase("loading");
        KexecPlan plan = Planner.place(image, host.memory(), target, trampoline);
        hooks.phase("planning");
        if (mode == Mode.DRY_RUN) {
            return plan;
        }
        KexecRunner runner = hooks.runner(target.kexecArchFlag());
        hooks.phase("native shim");
        hooks.measure(prepared.measurements.of(image));
        hooks.phase("measuring");
        runner.load(plan, new Supplier<>() {
            @Override
            public String get() {
                return hooks.render(plan);
            }
        });
        hooks.phase("kexec_load");
        hooks.loaded(plan);
        if (mode == Mode.BOOT) {
            runner.jump();
        }
        return plan;
    }

    /** The files loaded as they are, with their sizes, known before any is read. */
    private static List<FitCheck.Sized> rawFiles(BootRequest request) throws JkbootException {
        List<FitCheck.Sized> sized = new ArrayList<>();
        for (BootRequest.FileSpec f : request.files()) {
            if (f.type().isPresent()) {
                sized.add(new FitCheck.Sized(f.source().name(), f.type().get(), f.source().size()));
            }
        }
        return sized;
    }
}
