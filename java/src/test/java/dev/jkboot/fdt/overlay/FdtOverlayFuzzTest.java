package dev.jkboot.fdt.overlay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random overlays (fragments, fixups, local fixups and symbols with random values) against a
 * small base: applying one either works or throws OverlayException, never anything else, and the
 * loader's loop, fed mutated blobs, always returns a tree.
 */
class FdtOverlayFuzzTest {
    private static final String[] NAMES = {"__overlay__", "__fixups__", "__local_fixups__", "__symbols__",
        "fragment@0", "node", "node@1", "target", "target-path", "phandle", "status", "label"};

    @Test
    void randomOverlaysOnlyEverThrowOverlayException() {
        Random random = new Random(1010);
        Fdt base = base();
        byte[] baseBlob = FdtWriter.write(base);
        for (int i = 0; i < 5_000; i++) {
            Fdt overlay = Fdt.of(node(random, "", 0));
            try {
                FdtOverlay.apply(base, overlay);
            } catch (OverlayException expected) {
                // the one allowed failure
            }
            byte[] blob = FdtWriter.write(overlay);
            if (blob.length > 0) {
                blob[random.nextInt(blob.length)] ^= (byte) (1 << random.nextInt(8));
            }
            List<String> log = new ArrayList<>();
            byte[] result = LoaderOverlays.apply(baseBlob, List.of(new LoaderOverlays.Dtbo("fuzz.dtbo", blob)),
                    log::add);
            assertTrue(result.length > 0 && !log.isEmpty());
        }
    }

    private static Fdt base() {
        FdtNode uart = FdtNode.empty("serial@9000000").withProperty(FdtProperty.ofU32("phandle", 1))
                .withProperty(FdtProperty.ofString("status", "disabled"));
        FdtNode symbols = FdtNode.empty("__symbols__").withProperty(FdtProperty.ofString("uart0", "/serial@9000000"))
                .withProperty(FdtProperty.ofString("node", "/node"));
        return Fdt.of(FdtNode.empty("").withChild(uart).withChild(symbols));
    }

    private static FdtNode node(Random r, String name, int depth) {
        FdtNode n = FdtNode.empty(name);
        for (int i = r.nextInt(4); i > 0; i--) {
            n = n.withProperty(new FdtProperty(NAMES[r.nextInt(NAMES.length)], value(r)));
        }
        if (depth < 4) {
            for (int i = r.nextInt(4); i > 0; i--) {
                n = n.withChild(node(r, NAMES[r.nextInt(NAMES.length)], depth + 1));
            }
        }
        return n;
    }

    private static byte[] value(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new byte[] {0, 0, 0, (byte) r.nextInt(4)};
            case 1 -> "/serial@9000000\0".getBytes();
            case 2 -> "/fragment@0/__overlay__/node:status:0\0".getBytes();
            case 3 -> new byte[] {0, 0, 0, (byte) r.nextInt(12), 0, 0, 0, 0};
            default -> {
                byte[] b = new byte[r.nextInt(9)];
                r.nextBytes(b);
                yield b;
            }
        };
    }
}
