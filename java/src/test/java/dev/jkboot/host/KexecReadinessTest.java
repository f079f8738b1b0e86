package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KexecReadinessTest {
    private static final Credentials ROOT = new Credentials(0, 0x1ff_ffff_ffffL);

    private static <T> Finding<T> found(T value) {
        return new Finding.Found<>(value);
    }

    private static KexecFacts facts(LockdownMode lockdown, boolean disabled, boolean support,
            Credentials who, String arch, SecureBootMode secureBoot) {
        return new KexecFacts(found(lockdown), found(disabled), found(support), found(who),
                found(new Architecture(arch, "/proc/sys/kernel/arch")), found(secureBoot));
    }

    @Test
    void aPlainRootArm64HostIsReady() {
        KexecReadiness r = KexecReadiness.assess(
                facts(LockdownMode.NONE, false, true, ROOT, "aarch64", SecureBootMode.DISABLED));
        assertTrue(r.ready());
        assertEquals(List.of(), r.blockers());
        assertEquals(List.of(), r.unchecked());
    }

    @Test
    void everyBlockerNamesItsCauseAndWayOut() {
        KexecReadiness r = KexecReadiness.assess(facts(LockdownMode.INTEGRITY, true, false,
                new Credentials(1000, 0), "x86_64", SecureBootMode.ENABLED));
        assertFalse(r.ready());
        assertEquals(List.of(
                new Blocker("kexec_load is blocked by kernel lockdown (integrity)",
                        "FreeBSD kernels cannot be loaded with kexec_file_load; boot Linux without "
                                + "Secure Boot enforcement or with lockdown=none"),
                new Blocker("kexec_load is disabled (/proc/sys/kernel/kexec_load_disabled is 1), "
                        + "and stays disabled until the next reboot",
                        "reboot into a Linux that does not set kernel.kexec_load_disabled=1 "
                                + "(look in /etc/sysctl.conf and /etc/sysctl.d)"),
                new Blocker("the running kernel has no kexec support (no /sys/kernel/kexec_loaded)",
                        "boot a Linux kernel built with CONFIG_KEXEC=y"),
                new Blocker("kexec_load needs CAP_SYS_BOOT, which this process lacks "
                        + "(effective uid 1000, CapEff 0x0)", "run jkboot as root"),
                new Blocker("the running kernel is x86_64 (from /proc/sys/kernel/arch); jkboot boots "
                        + "arm64 FreeBSD from arm64 Linux", "run jkboot on an aarch64 LinuxBoot host"),
                new Blocker("UEFI Secure Boot is enabled (/chosen linux,uefi-secure-boot): Linux "
                        + "refuses kexec_load (EACCES from IMA appraisal, EPERM from lockdown)",
                        "FreeBSD kernels cannot be loaded with kexec_file_load; disable Secure Boot "
                                + "in the firmware setup")),
                r.blockers());
    }

    @Test
    void confidentialityLockdownBlocksToo() {
        KexecReadiness r = KexecReadiness.assess(facts(LockdownMode.CONFIDENTIALITY, false, true,
                ROOT, "aarch64", SecureBootMode.UNSET));
        assertEquals("kexec_load is blocked by kernel lockdown (confidentiality)",
                r.blockers().get(0).cause());
    }

    @Test
    void unreadableFactsAreListedAsUncheckedNotAsBlockers() {
        Finding<LockdownMode> missing = new Finding.NotAvailable<>(
                "/sys/kernel/security/lockdown", "does not exist", "");
        KexecFacts f = new KexecFacts(missing, found(false), found(true), found(ROOT),
                found(new Architecture("aarch64", "x")), found(SecureBootMode.UNSET));
        KexecReadiness r = KexecReadiness.assess(f);
        assertTrue(r.ready());
        assertEquals(List.of("lockdown: not available: /sys/kernel/security/lockdown: does not exist"),
                r.unchecked());
    }
}
