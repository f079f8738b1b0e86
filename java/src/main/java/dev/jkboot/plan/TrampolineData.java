package dev.jkboot.plan;

import java.util.Objects;

/**
 * What the trampoline needs to know. A zero {@code memmapSourcePhys} means "nothing to copy"; a zero
 * {@code uartPhys} keeps it silent; an empty {@code integrity} table means no integrity check; a
 * non-zero {@code testCorruptPhys} is a test hook: the PA of one byte the trampoline flips before
 * the check, as DMA after {@code kexec_load} would.
 */
public record TrampolineData(long kernelEntryPhys, long modulepVirt, long memmapSourcePhys,
                             long memmapDestinationPhys, long memmapLength, long uartPhys,
                             IntegrityTable integrity, long testCorruptPhys) {

    public TrampolineData {
        Objects.requireNonNull(integrity, "integrity (IntegrityTable.NONE for no check)");
    }

    /** No integrity check and no test hook. */
    public TrampolineData(long kernelEntryPhys, long modulepVirt, long memmapSourcePhys,
                          long memmapDestinationPhys, long memmapLength, long uartPhys) {
        this(kernelEntryPhys, modulepVirt, memmapSourcePhys, memmapDestinationPhys, memmapLength, uartPhys,
                IntegrityTable.NONE, 0);
    }

    /** The same hand-off with this integrity table and test hook. */
    public TrampolineData withIntegrity(IntegrityTable table, long corruptPhys) {
        return new TrampolineData(kernelEntryPhys, modulepVirt, memmapSourcePhys, memmapDestinationPhys,
                memmapLength, uartPhys, table, corruptPhys);
    }
}
