package dev.jkboot.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether this host can kexec a FreeBSD kernel now: every blocker with its way out, and every fact
 * that could not be checked. FreeBSD kernels can only go through {@code kexec_load}
 * ({@code kexec_file_load} takes Linux images only), so anything that closes it is final.
 */
public record KexecReadiness(List<Blocker> blockers, List<String> unchecked) {

    public KexecReadiness {
        blockers = List.copyOf(blockers);
        unchecked = List.copyOf(unchecked);
    }

    /** No blocker was found; see {@link #fullyChecked()} for whether every fact could be read. */
    public boolean ready() {
        return blockers.isEmpty();
    }

    /** Every fact was read, so "ready" is not merely "nothing found against it". */
    public boolean fullyChecked() {
        return unchecked.isEmpty();
    }

    public static KexecReadiness assess(KexecFacts facts) {
        List<Blocker> blockers = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        // Plain ifs, not Optional.ifPresent: each lambda costs its call-site link at start-up.
        Optional<LockdownMode> lockdown = note(facts.lockdown(), "lockdown", unchecked);
        if (lockdown.isPresent() && lockdown.get() != LockdownMode.NONE) {
            blockers.add(new Blocker(
                    "kexec_load is blocked by kernel lockdown (" + lockdown.get().label() + ")",
                    "FreeBSD kernels cannot be loaded with kexec_file_load; boot Linux without "
                            + "Secure Boot enforcement or with lockdown=none"));
        }
        Optional<Boolean> disabled = note(facts.loadDisabled(), "kexec_load_disabled", unchecked);
        if (disabled.isPresent() && disabled.get()) {
            blockers.add(new Blocker(
                    "kexec_load is disabled (" + KexecFacts.LOAD_DISABLED + " is 1), and stays "
                            + "disabled until the next reboot",
                    "reboot into a Linux that does not set kernel.kexec_load_disabled=1 "
                            + "(look in /etc/sysctl.conf and /etc/sysctl.d)"));
        }
        Optional<Boolean> supported = note(facts.kernelSupport(), "kexec support", unchecked);
        if (supported.isPresent() && !supported.get()) {
            blockers.add(new Blocker(
                    "the running kernel has no kexec support (no " + KexecFacts.KEXEC_LOADED + ")",
                    "boot a Linux kernel built with CONFIG_KEXEC=y"));
        }
        Optional<Credentials> who = note(facts.credentials(), "credentials", unchecked);
        if (who.isPresent() && !who.get().hasCapSysBoot()) {
            blockers.add(new Blocker(
                    "kexec_load needs CAP_SYS_BOOT, which this process lacks (effective uid %d, "
                            .formatted(who.get().effectiveUid())
                            + "CapEff 0x%x)".formatted(who.get().effectiveCapabilities()),
                    "run jkboot as root"));
        }
        Optional<Architecture> arch = note(facts.architecture(), "architecture", unchecked);
        if (arch.isPresent() && !arch.get().isAarch64()) {
            blockers.add(new Blocker(
                    "the running kernel is " + arch.get().name() + " (from " + arch.get().source()
                            + "); jkboot boots arm64 FreeBSD from arm64 Linux",
                    "run jkboot on an aarch64 LinuxBoot host"));
        }
        Optional<SecureBootMode> secureBoot = note(facts.secureBoot(), "Secure Boot", unchecked);
        if (secureBoot.isPresent() && secureBoot.get() == SecureBootMode.ENABLED) {
            blockers.add(new Blocker(
                    "UEFI Secure Boot is enabled (/chosen linux,uefi-secure-boot): Linux refuses "
                            + "kexec_load (EACCES from IMA appraisal, EPERM from lockdown)",
                    "FreeBSD kernels cannot be loaded with kexec_file_load; disable Secure Boot "
                            + "in the firmware setup"));
        }
        return new KexecReadiness(blockers, unchecked);
    }

    private static <T> Optional<T> note(Finding<T> fact, String what, List<String> unchecked) {
        if (fact instanceof Finding.NotAvailable<T> missing) {
            unchecked.add(what + ": " + missing.describe());
        }
        return fact.optional();
    }
}
