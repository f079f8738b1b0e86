package dev.jkboot.exec;

import dev.jkboot.plan.KexecSegment;
import java.util.List;

/**
 * What jkboot asks of the running kernel. The calls return 0 or {@code -errno}. The real
 * implementation is the native shim; tests substitute a recording fake. The counter reads are there
 * to time the hand-off: the kernel jumped to can read the same counter at its entry.
 */
public interface KexecSyscalls {
    /** {@code kexec_load(entry, segments, KEXEC_ARCH_AARCH64)}. */
    long load(long entryPhys, List<KexecSegment> segments);

    /** Unloads whatever image is loaded (kexec_load with no segments). */
    long unload();

    /** {@code reboot(LINUX_REBOOT_CMD_KEXEC)}: does not return when it works. */
    long rebootIntoLoaded();

    void sync();

    /** The arm64 virtual counter (CNTVCT_EL0), which keeps counting across kexec; 0 where there is none. */
    long counter();

    /** The counter's frequency in Hz (CNTFRQ_EL0); 0 where there is no counter. */
    long counterFrequency();
}
