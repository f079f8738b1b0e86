package dev.jkboot.cli;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootHost;
import dev.jkboot.boot.BootHosts;
import dev.jkboot.exec.KexecException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.NativeKexec;
import dev.jkboot.exec.Preflight;
import dev.jkboot.host.HostDescription;

/**
 * What every command that boots shares, whatever it boots: the preflight that refuses a Linux that
 * cannot kexec before anything is read, host discovery, the kexec runner and the log.
 */
final class BootLaunch {
    private BootLaunch() {}

    /** Refuses a Linux that will not kexec, and a host root other than this machine's {@code /}. */
    static void preflight(HostDescription host) throws KexecException {
        Preflight.check(host.readiness());
        if (!host.root().isSystem()) {
            throw new KexecException("--host-root " + host.root().dir() + " describes another machine; only a dry "
                    + "run can use it", "add --dry-run");
        }
    }

    /**
     * The host as a boot needs it, with the PL011 the trampoline greets on: {@code auto} (the host
     * device tree's console), {@code off}, or a physical address.
     */
    static BootHost discover(HostDescription described, TrampolineUart trampolineUart) throws JkbootException {
        BootHost host = BootHosts.from(described, BootLaunch::log);
        long uart = trampolineUart.resolve(host.uartPhys());
        return new BootHost(host.usableRam(), host.uefi(), host.hostDtb(), host.hostDtbDescribesHardware(),
                host.acpiRsdp(), uart);
    }

    /** kexec through the native shim; as PID 1 nothing is synced before the jump. */
    static KexecRunner runner() throws KexecException {
        boolean init = ProcessHandle.current().pid() == 1;
        return new KexecRunner(NativeKexec.load(NativeKexec.KEXEC_ARCH_AARCH64), init, BootLaunch::log);
    }

    /** Progress and findings, on stderr (results go to stdout). */
    static void log(String message) {
        System.err.println("jkboot: " + message);
    }
}
