package dev.jkboot.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.freebsd.Howto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformEntropyTest {
    private static final BootSource KERNEL = new BootSource() {
        @Override
        public String name() {
            return "/boot/kernel/kernel";
        }

        @Override
        public byte[] read() {
            return new byte[0];
        }
    };

    private static BootRequest request() {
        BootRequest.FileSpec module = new BootRequest.FileSpec(KERNEL, Optional.empty(), Optional.empty());
        return new BootRequest(KERNEL, List.of(module), Optional.empty(), Howto.NONE, Map.of("a", "b"));
    }

    @Test
    void theFileComesLastWithTheTypeAndSizeTheKernelHarvests() throws JkbootException {
        byte[] drawn = new byte[PlatformEntropy.SIZE];
        drawn[7] = 42;
        List<Integer> asked = new ArrayList<>();
        BootRequest r = PlatformEntropy.append(request(), size -> {
            asked.add(size);
            return drawn.clone();
        }, m -> { });
        assertEquals(List.of(2048), asked);
        assertEquals(2, r.files().size());
        BootRequest.FileSpec f = r.files().get(1);
        assertEquals(Optional.of("boot_entropy_platform"), f.type());
        assertEquals("linux_getrandom", f.source().name());
        assertArrayEquals(drawn, f.source().read());
        assertArrayEquals(f.source().read(), f.source().read(), "drawn once: every read gives the same bytes");
        assertEquals(0, PlatformEntropy.SIZE % 8, "random_early_prime takes 8-byte events, so nothing is dropped");
        assertEquals(Map.of("a", "b"), r.environment());
    }

    @Test
    void aFailingSourceIsReportedAndTheBootGoesOnWithout() {
        List<String> log = new ArrayList<>();
        BootRequest before = request();
        BootRequest after = PlatformEntropy.append(before, size -> {
            throw new EntropyException("getrandom(2) failed: errno 38", "pass --no-platform-entropy");
        }, log::add);
        assertSame(before, after);
        assertEquals(List.of("platform entropy skipped: getrandom(2) failed: errno 38 (pass --no-platform-entropy)"),
                log);
    }

    @Test
    void loaderConfTurnsItOffWithAnythingButYes() {
        assertTrue(PlatformEntropy.wanted(null));
        assertTrue(PlatformEntropy.wanted("YES"));
        assertTrue(PlatformEntropy.wanted("yes"));
        assertFalse(PlatformEntropy.wanted("NO"));
        assertFalse(PlatformEntropy.wanted(""));
    }
}
