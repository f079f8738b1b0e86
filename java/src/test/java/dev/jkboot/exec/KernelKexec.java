package dev.jkboot.exec;

import dev.jkboot.shim.Errno;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Whether the running Linux has kexec_load(2) at all, from its build configuration (/proc/config.gz, else
 * /boot/config-RELEASE), else from /sys/kernel/kexec_loaded (CONFIG_KEXEC_CORE); and whether a seccomp filter
 * (a container's) sees system calls before the kernel does.
 */
record KernelKexec(boolean hasKexecLoad, String source, boolean seccompFiltered) {

    static KernelKexec read() throws IOException {
        boolean filtered = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Seccomp:\\s*2"));
        Optional<String> config = config(Path.of("/proc/config.gz"));
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        String source = "/proc/config.gz";
        if (config.isEmpty()) {
            config = config(Path.of("/boot/config-" + release));
            source = "/boot/config-" + release;
        }
        if (config.isPresent()) {
            boolean kexec = config.get().lines().anyMatch("CONFIG_KEXEC=y"::equals);
            return new KernelKexec(kexec, source + (kexec ? " has CONFIG_KEXEC=y" : " has no CONFIG_KEXEC=y"), filtered);
        }
        boolean core = Files.exists(Path.of("/sys/kernel/kexec_loaded"));
        return new KernelKexec(core, "/sys/kernel/kexec_loaded " + (core ? "exists" : "does not exist"), filtered);
    }

    private static Optional<String> config(Path path) throws IOException {
        if (!Files.isReadable(path)) {
            return Optional.empty();
        }
        try (InputStream in = path.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Linux's answer to kexec_load from a caller without CAP_SYS_BOOT. With kexec built in, kexec_load_check's
     * first test (capable(CAP_SYS_BOOT)) fails: EPERM. Without it the call is sys_ni_syscall: ENOSYS, unless a
     * container's seccomp filter answers first (Docker's and Podman's default profiles answer EPERM for
     * kexec_load to a container without CAP_SYS_BOOT).
     */
    int unprivilegedLoadErrno() {
        return hasKexecLoad || seccompFiltered ? Errno.EPERM : Errno.ENOSYS;
    }

    @Override
    public String toString() {
        return "kexec_load is %s (%s)%s; without CAP_SYS_BOOT Linux answers %s".formatted(
                hasKexecLoad ? "built in" : "not built in", source,
                seccompFiltered ? ", and a seccomp filter sees system calls first" : "",
                Errno.name(unprivilegedLoadErrno()));
    }
}
