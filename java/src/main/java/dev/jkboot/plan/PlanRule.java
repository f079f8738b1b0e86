package dev.jkboot.plan;

/** The rules every plan must satisfy before anything is handed to Linux; each violation names one. */
public enum PlanRule {
    STAGING_ALIGNED("the kernel's physical base aligned as the target requires (2 MiB for FreeBSD arm64's locore)"),
    SEGMENT_COUNT("at most 16 kexec segments (KEXEC_SEGMENT_MAX)"),
    SEGMENT_PAGES("segments page aligned, sorted and non-overlapping"),
    INSIDE_RAM("every segment inside usable RAM"),
    KEEP_OUT("no segment over memory that must survive the jump"),
    EARLY_WINDOW("metadata, environment, DTB and symbols inside locore's early map (modulep + at least 4 MiB)"),
    ONE_GIB("KERNBASE to the trampoline within the target's span (1 GiB: locore maps it with one L2 table)"),
    ENTRY("the kernel entry and the trampoline inside the loaded image"),
    UART("the trampoline's UART is a device: outside RAM and outside the image"),
    INTEGRITY("the integrity check covers every segment byte but the trampoline's, and its test hook's byte lies "
            + "inside a checked range"),
    MEMMAP_COPY("the UEFI map copy lands in the EFI_MAP record and reads memory no segment overwrites"),
    HALF_RAM("the segments total at most half of Linux's RAM (MemTotal): kexec_load refuses more with EINVAL");

    private final String description;

    PlanRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
