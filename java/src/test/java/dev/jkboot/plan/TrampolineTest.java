package dev.jkboot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in trampoline: Java's view of its data block must match the assembled symbols. */
class TrampolineTest {
    private final Trampoline t = Trampoline.aarch64();

    @Test
    void everyFieldOffsetHoldsThatFieldsSentinelInTheAssembledBlob() {
        ByteBuffer blob = ByteBuffer.wrap(t.blob()).order(ByteOrder.LITTLE_ENDIAN);
        Set<Long> seen = new HashSet<>();
        for (Trampoline.Field f : Trampoline.Field.values()) {
            assertEquals(t.sentinel(f), blob.getLong(t.offset(f)), "sentinel of " + f + " at " + t.offset(f));
            assertTrue(seen.add(t.sentinel(f)), "sentinels are distinct");
        }
    }

    @Test
    void fillsEveryFieldAndNothingElse() {
        TrampolineData d = new TrampolineData(0x40200800L, 0xffff000000c00000L, 0x7e000018L, 0x40c00058L, 1440,
                0x09000000L);
        byte[] filled = t.withData(d);
        ByteBuffer b = ByteBuffer.wrap(filled).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(d.kernelEntryPhys(), b.getLong(t.offset(Trampoline.Field.ENTRY)));
        assertEquals(d.modulepVirt(), b.getLong(t.offset(Trampoline.Field.MODULEP)));
        assertEquals(d.memmapSourcePhys(), b.getLong(t.offset(Trampoline.Field.MEMMAP_SRC)));
        assertEquals(d.memmapDestinationPhys(), b.getLong(t.offset(Trampoline.Field.MEMMAP_DST)));
        assertEquals(d.memmapLength(), b.getLong(t.offset(Trampoline.Field.MEMMAP_LEN)));
        assertEquals(d.uartPhys(), b.getLong(t.offset(Trampoline.Field.UART)));
        byte[] original = t.blob();
        Set<Integer> fieldBytes = new HashSet<>();
        for (Trampoline.Field f : EnumSet.allOf(Trampoline.Field.class)) {
            for (int i = 0; i < 8; i++) {
                fieldBytes.add(t.offset(f) + i);
            }
        }
        for (int i = 0; i < original.length; i++) {
            if (!fieldBytes.contains(i)) {
                assertEquals(original[i], filled[i], "code byte " + i + " unchanged");
            }
        }
    }

    @Test
    void fitsWellInsideThePageReservedForIt() {
        assertTrue(t.size() > 0 && t.size() <= 1024, "size " + t.size());
    }
}
