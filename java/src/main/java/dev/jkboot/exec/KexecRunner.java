package dev.jkboot.exec;

import dev.jkboot.plan.KexecPlan;
import dev.jkboot.shim.Errno;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands a validated plan to Linux in the only safe order: load, and only if the load succeeded,
 * sync and jump. If the jump returns, the image is unloaded again so nothing is left armed. Just
 * before the jump it logs the arm64 counter, so that the time from reboot to the new kernel's
 * entry (which reads the same counter) can be measured.
 */
public final class KexecRunner {
    private final KexecSyscalls sys;
    private final boolean runningAsInit;
    private final Consumer<String> log;

    /**
     * @param runningAsInit as PID 1 there is nothing to sync, and sync could block on a dead
     *     device; otherwise filesystems are synced before the jump
     */
    public KexecRunner(KexecSyscalls sys, boolean runningAsInit, Consumer<String> log) {
        this.sys = sys;
        this.runningAsInit = runningAsInit;
        this.log = log;
    }

    /**
     * Loads the plan; afterwards {@link #jump()} starts it (or {@code kexec -e} would).
     * {@code planSummary} is rendered only if Linux rejects the plan and the message needs it.
     */
    public void load(KexecPlan plan, Supplier<String> planSummary) throws KexecException {
        log.accept("kexec_load: " + plan.segments().size() + " segments, entry 0x" + Long.toHexString(plan.entryPhys()));
        long rc = sys.load(plan.entryPhys(), plan.segments());
        if (rc != 0) {
            throw KexecFailures.loadFailed((int) -rc, planSummary.get());
        }
    }

    /** Jumps to the loaded image. Returns only by throwing: the jump was refused. */
    public void jump() throws KexecException {
        if (!runningAsInit) {
            log.accept("syncing filesystems");
            sys.sync();
        }
        log.accept("reboot(LINUX_REBOOT_CMD_KEXEC)");
        long frequency = sys.counterFrequency();
        if (frequency != 0) {
            log.accept("counter at reboot: %s (%d Hz)".formatted(Long.toUnsignedString(sys.counter()), frequency));
        }
        long rc = sys.rebootIntoLoaded();
        long unload = sys.unload();
        if (unload != 0) {
            log.accept("also failed to unload the image afterwards: " + Errno.name((int) -unload));
        }
        throw KexecFailures.rebootReturned((int) -rc);
    }

    public void unload() throws KexecException {
        long rc = sys.unload();
        if (rc != 0) {
            throw KexecFailures.unloadFailed((int) -rc);
        }
    }
}
