package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every board DTB of Debian's arm64 kernel: hundreds of real trees, none skipped. */
class DebianDtbsRoundTripTest {

    @Test
    void everyDebianBoardDtbRoundTripsByteForByte() throws Exception {
        List<Path> dtbs = DebianDtbs.all();
        RequiredTool.require(!dtbs.isEmpty(), "no Debian arm64 DTBs under " + DebianDtbs.libDir() + " (scripts/setup unpacks them)");
        int dtcMade = 0;
        for (Path dtb : dtbs) {
            byte[] blob = Files.readAllBytes(dtb);
            Fdt fdt = FdtReader.read(blob, dtb.toString());
            assertArrayEquals(blob, FdtWriter.write(fdt), dtb.toString());
            // Trees made by dtc alone (not by fdtoverlay, whose libfdt leaves stale padding and
            // orders strings its own way) come out the same even without their layout.
            if (fdt.layout().orElseThrow().paddingByToken().isEmpty()) {
                Fdt bare = new Fdt(fdt.root(), fdt.reservations(), fdt.bootCpuidPhys(), Optional.empty());
                assertArrayEquals(blob, FdtWriter.write(bare), dtb + " without its layout");
                dtcMade++;
            }
        }
        System.err.printf("fdt: %d Debian board DTBs round-tripped byte for byte, %d of them also without layout%n",
                dtbs.size(), dtcMade);
        assertTrue(dtcMade > dtbs.size() / 2, "most Debian DTBs are plain dtc output: " + dtcMade);
    }
}
