package dev.jkboot.exec;

import dev.jkboot.plan.KexecSegment;
import java.util.List;

/**
 * The three things jkboot asks of the running kernel. Each returns 0 or {@code -errno}. The real
 * implementation is the native shim; tests substitute a recording fake.
 */
public interface KexecSyscalls {
    /** {@code kexec_load(entry, segments, KEXEC_ARCH_AARCH64)}. */
    long load(long entryPhys, List<KexecSegment> segments);

    /** Unloads whatever image is loaded (kexec_load with no segments). */
    long unload();

    /** {@code reboot(LINUX_REBOOT_CMD_KEXEC)}: does not return when it works. */
    long rebootIntoLoaded();

    void sync();
}
