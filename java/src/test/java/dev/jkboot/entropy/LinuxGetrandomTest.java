package dev.jkboot.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jkboot.RequiredTool;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** getrandom(2) for real, through the host (x86-64) build of the shim. */
class LinuxGetrandomTest {
    @Test
    void drawsTheSizeAskedForAndDifferentBytesEachTime() throws EntropyException {
        RequiredTool.useHostShim();
        LinuxGetrandom source = new LinuxGetrandom();
        byte[] a = source.read(PlatformEntropy.SIZE);
        byte[] b = source.read(PlatformEntropy.SIZE);
        assertEquals(PlatformEntropy.SIZE, a.length);
        assertFalse(Arrays.equals(a, b), "two draws of 2048 bytes are equal: not random");
        assertFalse(Arrays.equals(a, new byte[a.length]), "all zero");
        assertEquals(1, source.read(1).length);
    }
}
