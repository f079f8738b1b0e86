package dev.jkboot.boot;

import dev.jkboot.exec.KexecRunner;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.tpm.Measurement;
import java.util.ArrayList;
import java.util.List;

/** Hooks for a boot sequence that must never reach kexec: asking for a runner or measuring fails the test. */
final class DryRun implements BootSequence.Hooks {
    final List<String> phases = new ArrayList<>();

    static BootSequence sequence() {
        return new BootSequence(FreeBsdArm64.builtIn(), new DryRun());
    }

    @Override
    public void phase(String name) {
        phases.add(name);
    }

    @Override
    public KexecRunner runner(long kexecArchFlag) {
        throw new AssertionError("a dry run asked for a kexec runner");
    }

    @Override
    public String render(KexecPlan plan) {
        return plan.toString();
    }

    @Override
    public void measure(List<Measurement> measurements) {
        throw new AssertionError("a dry run measured into the TPM");
    }

    @Override
    public void loaded(KexecPlan plan) {
        throw new AssertionError("a dry run loaded a plan");
    }
}
