package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import dev.jkboot.fdt.overlay.FdtOverlay;
import dev.jkboot.fdt.overlay.LoaderOverlays;
import dev.jkboot.fdt.overlay.OverlayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlays applied by jkboot compared with Debian's fdtoverlay (libfdt's fdt_overlay_apply, the
 * code FreeBSD's loader links), tree for tree, property order included. Sources: test resources
 * fdt/overlay, compiled with dtc here.
 */
class OverlayFdtoverlayTest {
    private static final Path SOURCES = Path.of("java/src/test/resources/fdt/overlay");

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        RequiredTool.require("dtc");
        RequiredTool.require("fdtoverlay");
    }

    @Test
    void fixupsLocalFixupsAndSymbolsGiveFdtoverlaysTree() throws Exception {
        compareWithFdtoverlay("enable-uart.dtso");
    }

    @Test
    void aSecondOverlayUsesTheLabelsOfTheFirst() throws Exception {
        compareWithFdtoverlay("enable-uart.dtso", "second.dtso");
    }

    @Test
    void anUnknownLabelFailsInBothAndLeavesTheTreeAsItWas() throws Exception {
        Path base = compile("base.dts");
        Path bad = compile("missing-label.dtso");
        Process p = new ProcessBuilder("fdtoverlay", "-i", base.toString(), "-o", dir.resolve("out.dtb").toString(),
                bad.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), "fdtoverlay refuses it too");
        OverlayException e = assertThrows(OverlayException.class, () -> FdtOverlay.apply(read(base), read(bad)));
        assertEquals("it refers to the label 'no_such_label', which the base tree's /__symbols__ lacks", e.getMessage());

        List<String> log = new ArrayList<>();
        byte[] baseBlob = Files.readAllBytes(base);
        byte[] result = LoaderOverlays.apply(baseBlob, List.of(dtbo(bad)), log::add);
        assertArrayEquals(baseBlob, result, "the base DTB is kept byte for byte");
        assertEquals(List.of("applying DTB overlay 'missing-label.dtbo'", "failed to apply overlay "
                + "'missing-label.dtbo': it refers to the label 'no_such_label', which the base tree's /__symbols__ "
                + "lacks; the device tree stays as it was before it"), log);
    }

    @Test
    void theLoaderSkipsBadAndForeignOverlaysAndAppliesTheRest() throws Exception {
        Path base = compile("base.dts");
        List<String> log = new ArrayList<>();
        byte[] result = LoaderOverlays.apply(Files.readAllBytes(base), List.of(
                new LoaderOverlays.Dtbo("garbage.dtbo", new byte[] {1, 2, 3}),
                dtbo(compile("other-board.dtso")),
                dtbo(compile("missing-label.dtso")),
                dtbo(compile("enable-uart.dtso"))), log::add);
        assertEquals(5, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("DTB overlay 'garbage.dtbo' skipped: "), log.get(0));
        assertEquals("DTB overlay 'other-board.dtbo' not compatible: it is for [vendor,other-board], the device "
                + "tree is [jkboot,test-board, linux,dummy-virt]; skipped", log.get(1));
        assertEquals("applying DTB overlay 'enable-uart.dtbo'", log.get(4));
        assertEquals(Dtc.lines(read(fdtoverlay(base, compile("enable-uart.dtso")))), Dtc.lines(FdtReader.read(result,
                "result")), "only the good overlay changed the tree");
    }

    private void compareWithFdtoverlay(String... overlays) throws Exception {
        Path base = compile("base.dts");
        Path[] compiled = new Path[overlays.length];
        Fdt ours = read(base);
        List<LoaderOverlays.Dtbo> files = new ArrayList<>();
        for (int i = 0; i < overlays.length; i++) {
            compiled[i] = compile(overlays[i]);
            ours = FdtOverlay.apply(ours, read(compiled[i]));
            files.add(dtbo(compiled[i]));
        }
        List<String> expected = Dtc.lines(read(fdtoverlay(base, compiled)));
        assertEquals(expected, Dtc.lines(ours));
        byte[] written = LoaderOverlays.apply(Files.readAllBytes(base), files, m -> { });
        assertEquals(expected, Dtc.lines(FdtReader.read(written, "written")), "the blob the kernel gets");
    }

    private Path fdtoverlay(Path base, Path... overlays) throws IOException, InterruptedException {
        Path out = dir.resolve("fdtoverlay-" + overlays.length + ".dtb");
        List<String> cmd = new ArrayList<>(List.of("fdtoverlay", "-i", base.toString(), "-o", out.toString()));
        for (Path o : overlays) {
            cmd.add(o.toString());
        }
        run(cmd);
        return out;
    }

    private Path compile(String source) throws IOException, InterruptedException {
        String name = source.replaceFirst("\\.dtso?$", source.endsWith(".dtso") ? ".dtbo" : ".dtb");
        Path out = dir.resolve(name);
        run(List.of("dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", out.toString(),
                SOURCES.resolve(source).toString()));
        return out;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + " failed: " + output);
    }

    private static Fdt read(Path blob) throws IOException, FdtException {
        return FdtReader.read(Files.readAllBytes(blob), blob.getFileName().toString());
    }

    private static LoaderOverlays.Dtbo dtbo(Path blob) throws IOException {
        return new LoaderOverlays.Dtbo(blob.getFileName().toString(), Files.readAllBytes(blob));
    }
}
