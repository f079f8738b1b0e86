package dev.jkboot.plan;

/**
 * What the trampoline needs to know. A zero {@code memmapSourcePhys} means "nothing to copy"; a zero
 * {@code uartPhys} keeps it silent.
 */
public record TrampolineData(long kernelEntryPhys, long modulepVirt, long memmapSourcePhys,
                             long memmapDestinationPhys, long memmapLength, long uartPhys) {}
