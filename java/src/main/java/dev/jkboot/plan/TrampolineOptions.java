package dev.jkboot.plan;

/**
 * What the user may ask of the trampoline.
 *
 * @param uartPhys PL011 it greets on before entering the kernel (0 = silent); must be a device,
 *     outside RAM and the image ({@link PlanRule#UART})
 * @param integrityCheck CRC every segment again just before the jump and halt if one changed after
 *     kexec_load (kexec-tools' purgatory does the same with SHA-256)
 * @param corruptTestPhys a test hook: the trampoline flips the byte at this address before the
 *     check, as a stray DMA write would (0 = none; only meaningful with the check on)
 */
public record TrampolineOptions(long uartPhys, boolean integrityCheck, long corruptTestPhys) {
    public static TrampolineOptions silent() {
        return new TrampolineOptions(0, false, 0);
    }
}
