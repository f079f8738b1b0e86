package dev.jkboot.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What this reader sees is what dtc sees: same nodes, properties and values, in the same order. */
class DtcComparisonTest {

    @BeforeAll
    static void needsDtc() {
        RequiredTool.require("dtc");
        RequiredTool.require(Dtc.available(), "dtc --version fails");
    }

    @Test
    void fixturesReadAsDtcReadsThem() throws Exception {
        for (String name : Fixtures.ALL) {
            byte[] blob = Fixtures.bytes(name);
            assertEquals(Dtc.lines(Dtc.decompile(blob)), Dtc.lines(FdtReader.read(blob, name)), name);
        }
    }

    @Test
    void aSampleOfDebianBoardsReadsAsDtcReadsThem() throws Exception {
        List<Path> all = DebianDtbs.all();
        RequiredTool.require(!all.isEmpty(), "no Debian arm64 DTBs under " + DebianDtbs.libDir() + " (scripts/setup unpacks them)");
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sample.add(all.get(i * all.size() / 8));
        }
        for (Path dtb : sample) {
            byte[] blob = Files.readAllBytes(dtb);
            List<String> dtc = Dtc.lines(Dtc.decompile(blob));
            assertTrue(dtc.size() > 100, dtb + " decompiled to almost nothing");
            assertEquals(dtc, Dtc.lines(FdtReader.read(blob, dtb.toString())), dtb.toString());
        }
    }

    @Test
    void dtcReadsEditedTreesAsEdited() throws Exception {
        Fdt edited = Fixtures.fdt("sysfs-direct.dtb.gz")
                .withProperty("/chosen", FdtProperty.ofString("bootargs", "-v \"quoted\""))
                .withoutProperty("/chosen", "kaslr-seed")
                .withNode("/", FdtNode.empty("extra@0").withProperty(FdtProperty.ofU32("reg", 0)));
        byte[] written = FdtWriter.write(edited);
        List<String> dtc = Dtc.lines(Dtc.decompile(written));
        assertEquals(Dtc.lines(edited), dtc);
        assertTrue(dtc.contains("prop /chosen bootargs 2d76202271756f7465642200"), dtc.toString());
        assertTrue(dtc.contains("node /extra@0"));
    }
}
