package dev.jkboot.boot;

import dev.jkboot.freebsd.Arm64;
import dev.jkboot.plan.Target;
import dev.jkboot.plan.Trampoline;

/** The FreeBSD arm64 kernel, entered through jkboot's aarch64 trampoline. */
public record FreeBsdArm64(Trampoline trampoline) implements Target {
    /** KEXEC_ARCH_AARCH64 (include/uapi/linux/kexec.h: EM_AARCH64 << 16). */
    public static final long KEXEC_ARCH_AARCH64 = 183L << 16;

    /** With the trampoline built into this jkboot. */
    public static FreeBsdArm64 builtIn() {
        return new FreeBsdArm64(Trampoline.aarch64());
    }

    @Override
    public String description() {
        return "FreeBSD arm64";
    }

    @Override
    public long kernbase() {
        return Arm64.KERNBASE;
    }

    @Override
    public long kernelAlignment() {
        return Arm64.KERNEL_ALIGN;
    }

    @Override
    public long maxSpan() {
        return Arm64.L2_TABLE_SPAN;
    }

    @Override
    public long earlyWindowEnd(long modulepVa) {
        return Arm64.earlyWindowEnd(modulepVa);
    }

    @Override
    public long kexecArchFlag() {
        return KEXEC_ARCH_AARCH64;
    }
}
