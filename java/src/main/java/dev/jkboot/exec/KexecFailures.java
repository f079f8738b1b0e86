package dev.jkboot.exec;

import dev.jkboot.shim.Errno;

/**
 * What each errno from {@code kexec_load} and {@code reboot} means for a FreeBSD boot, and what to do
 * about it. The causes are the ones Linux's kernel/kexec.c and the field reports name.
 */
final class KexecFailures {
    private KexecFailures() {}

    static KexecException loadFailed(int errno, String planSummary) {
        String what = "kexec_load failed with " + Errno.name(errno) + ": ";
        return switch (errno) {
            case Errno.EPERM -> new KexecException(what + "not permitted. Linux allows kexec_load only to root with "
                    + "CAP_SYS_BOOT, and refuses it when kernel.kexec_load_disabled is 1 or kernel lockdown is active",
                    "run jkboot as root; check /proc/sys/kernel/kexec_load_disabled (once 1, only a reboot clears it) "
                            + "and /sys/kernel/security/lockdown (must be [none])", errno);
            case Errno.EACCES -> new KexecException(what + "permission denied. On Debian's kernels this is IMA "
                    + "appraisal under Secure Boot (\"impossible to appraise a kernel image without a file descriptor\"): "
                    + "while Secure Boot is enforced kexec_load is refused, and FreeBSD kernels cannot be loaded with "
                    + "kexec_file_load, which only takes signed Linux images",
                    "boot the LinuxBoot kernel without Secure Boot enforcement (or without IMA appraisal of kexec)", errno);
            case Errno.EBUSY -> new KexecException(what + "kexec is busy: another kexec load is in progress, or a "
                    + "loaded image is in use", "wait for the other load, or run 'jkboot boot --unload' and try again",
                    errno);
            case Errno.EINVAL -> new KexecException(what + "Linux rejected the segment list. Likely causes: a "
                    + "segment outside RAM or overlapping another, more than half of RAM requested, or a running kernel "
                    + "of another architecture than the image. The plan was:\n" + planSummary,
                    "check the plan above against /proc/iomem; run 'jkboot probe' and 'jkboot boot --dry-run -v'",
                    errno);
            case Errno.ENOMEM -> new KexecException(what + "not enough free memory for Linux to stage the image "
                    + "(it keeps a copy of every segment until the jump)",
                    "free memory (stop services, drop caches), or load fewer or smaller modules", errno);
            case Errno.EFAULT -> new KexecException(what + "Linux could not read the bytes of a segment. Large files "
                    + "such as an md_image are handed to it mapped, so a file that shrank after jkboot opened it, or a "
                    + "disk that failed to read, ends here",
                    "check the disk (dmesg shows the driver's view) and that nothing changes the FreeBSD files during "
                            + "the boot, then try again", errno);
            case Errno.ENOSYS -> new KexecException(what + "the running kernel has no kexec_load system call",
                    "boot a LinuxBoot kernel built with CONFIG_KEXEC=y", errno);
            case Errno.EADDRNOTAVAIL -> new KexecException(what + "a segment lies beyond the memory kexec may "
                    + "load into. The plan was:\n" + planSummary,
                    "report this with the output of 'jkboot probe --json'", errno);
            default -> new KexecException(what + "unexpected error",
                    "report this with the output of 'jkboot probe --json' and 'jkboot boot --dry-run'", errno);
        };
    }

    static KexecException unloadFailed(int errno) {
        return new KexecException("unloading the kexec image failed with " + Errno.name(errno),
                errno == Errno.EPERM ? "run jkboot as root" : "check dmesg", errno);
    }

    static KexecException rebootReturned(int errno) {
        return new KexecException("reboot(LINUX_REBOOT_CMD_KEXEC) returned " + Errno.name(errno)
                + " instead of jumping; the image was unloaded and Linux keeps running",
                errno == Errno.EINVAL ? "no image was loaded at the time; load again and retry"
                        : "check dmesg for why the kexec jump was refused", errno);
    }
}
