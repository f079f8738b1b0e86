package dev.jkboot.host;

import java.nio.file.Files;

/**
 * What the running Linux says about kexec: lockdown, the one-way kexec_load_disabled switch,
 * whether the kernel has kexec at all, who we are, the machine, and UEFI Secure Boot.
 */
public record KexecFacts(Finding<LockdownMode> lockdown, Finding<Boolean> loadDisabled,
        Finding<Boolean> kernelSupport, Finding<Credentials> credentials,
        Finding<Architecture> architecture, Finding<SecureBootMode> secureBoot) {

    public static final String LOAD_DISABLED = "/proc/sys/kernel/kexec_load_disabled";
    /** Exists exactly when the running kernel was built with kexec (CONFIG_KEXEC_CORE). */
    public static final String KEXEC_LOADED = "/sys/kernel/kexec_loaded";
    private static final String SYS_KERNEL = "/sys/kernel";

    /** Reads every fact but Secure Boot, which comes from the device tree the caller has read. */
    public static KexecFacts read(HostRoot root, String jvmArch, Finding<SecureBootMode> secureBoot) {
        // Anonymous readers, not lambdas: see HostDescription.read.
        return new KexecFacts(
                Finding.of(new Finding.Reader<>() {
                    public LockdownMode read() throws HostException { return LockdownMode.read(root); }
                }),
                Finding.of(new Finding.Reader<>() {
                    public Boolean read() throws HostException { return readLoadDisabled(root); }
                }),
                Finding.of(new Finding.Reader<>() {
                    public Boolean read() throws HostException { return readKernelSupport(root); }
                }),
                Finding.of(new Finding.Reader<>() {
                    public Credentials read() throws HostException { return Credentials.read(root); }
                }),
                Finding.of(new Finding.Reader<>() {
                    public Architecture read() throws HostException { return Architecture.read(root, jvmArch); }
                }),
                secureBoot);
    }

    static boolean readLoadDisabled(HostRoot root) throws HostException {
        String value = root.readText(LOAD_DISABLED, 64).strip();
        return switch (value) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new HostException(root.show(LOAD_DISABLED),
                    "\"%s\" is neither 0 nor 1".formatted(value), "");
        };
    }

    /** Without /sys/kernel there is no telling: sysfs is simply not mounted. */
    static boolean readKernelSupport(HostRoot root) throws HostException {
        if (!Files.isDirectory(root.resolve(SYS_KERNEL))) {
            throw new HostException(root.show(SYS_KERNEL), "does not exist: sysfs is not mounted",
                    "mount sysfs on /sys");
        }
        return root.exists(KEXEC_LOADED);
    }
}
