package dev.jkboot.plan;

/**
 * The architecture seam: every fact about the kind of kernel being booted that placement,
 * validation and the jump depend on. FreeBSD arm64 is the first value ({@code boot.FreeBsdArm64});
 * another target (FreeBSD amd64, a Linux arm64 Image) is another value plus its loader, with no
 * change to {@code cli} or to the boot sequence.
 */
public interface Target {
    /** For people: "FreeBSD arm64". */
    String description();

    /** The kernel VA that lands at the staging address (VA − kernbase = offset from staging). */
    long kernbase();

    /** Alignment of the staging address. */
    long kernelAlignment();

    /** The most the image (kernbase to the end of the trampoline) may span. */
    long maxSpan();

    /** The end of the VA range the kernel maps before it has its own page tables, for a given modulep. */
    long earlyWindowEnd(long modulepVa);

    /** The code Linux's kexec enters, which then enters the kernel. */
    Trampoline trampoline();

    /** The architecture flag kexec_load wants (KEXEC_ARCH_*, include/uapi/linux/kexec.h). */
    long kexecArchFlag();
}
