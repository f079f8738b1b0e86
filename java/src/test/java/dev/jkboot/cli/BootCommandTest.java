package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.freebsd.NativeFixtures;
import dev.jkboot.json.Json;
import dev.jkboot.json.JsonReader;
import org.junit.jupiter.api.Test;

/** `jkboot boot` from the command line, on captured hosts; nothing here can load or reboot anything. */
class BootCommandTest {
    private static final String KERNEL = NativeFixtures.testKernel().toString();

    @Test
    void dryRunJsonCarriesThePlanSwitchesAndEnvironment() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("uefi-2g"), "--kernel", KERNEL,
                "--module", NativeFixtures.testModule().toString(), "-sv", "hw.foo=bar", "--dry-run", "--json");
        assertEquals(0, r.status(), r.err());
        Json j = JsonReader.read(r.out());
        assertEquals("0x40000000", JsonReader.str(j, "staging"));
        assertEquals("bar", JsonReader.str(j, "environment", "hw.foo"));
        assertEquals("elf module", JsonReader.str(j, "files", 1, "type"));
        assertEquals("MODINFO_NAME", JsonReader.str(j, "metadata", 0, "type"));
        Json.Arr records = (Json.Arr) JsonReader.at(j, "metadata");
        int howto = 0;
        for (int i = 0; i < records.items().size(); i++) {
            if (JsonReader.str(j, "metadata", i, "type").equals("MODINFOMD_HOWTO")) {
                assertEquals("0x802 (RB_SINGLE|RB_VERBOSE)", JsonReader.str(j, "metadata", i, "value"));
                howto++;
            }
        }
        assertEquals(1, howto, "one HOWTO record");
        assertEquals(1488, JsonReader.num(j, "efiMapCopy", "bytes"));
        assertTrue(r.err().matches("(?s).*jkboot: timings: .*, total \\d+ ms, files alongside \\d+ ms, peak RSS \\d+ KiB\n.*"),
                "-v prints phase timings and the peak RSS: " + r.err());
        assertTrue(JsonReader.num(j, "peakRssKiB") > 1000, "peakRssKiB beside timingsMs");
    }

    @Test
    void dryRunTextDecodesEveryRecordByName() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL, "--dry-run");
        assertEquals(0, r.status(), r.err());
        for (String s : new String[] {"segments (1 of at most 16", "MODINFOMD_DTBP", "MODINFOMD_KERNEND",
                "MODINFOMD_SSYM", "MODINFO_END", "trampoline UART            PL011 at 0x9000000"}) {
            assertTrue(r.out().contains(s), "missing " + s + " in\n" + r.out());
        }
    }

    @Test
    void aCapturedHostCanOnlyBeDryRun() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL);
        assertTrue(r.status() != 0);
        assertTrue(r.err().contains("jkboot: error:") && r.err().contains("jkboot: fix:"), r.err());
    }

    @Test
    void aHostThatCannotBootIsReportedRatherThanTheKernelReadAlongside() throws Exception {
        // The kernel is read on a second thread while the host is discovered; the preflight's refusal
        // still comes first, and nothing of the kernel's is printed.
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", "/etc/hostname");
        assertTrue(r.status() != 0 && r.status() != ExitStatus.INPUT, r.err());
        assertTrue(r.err().contains("jkboot: error:") && !r.err().contains("/etc/hostname"), r.err());
    }

    @Test
    void aBadKernelIsAnInputErrorNamingTheFile() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", "/etc/hostname",
                "--dry-run");
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("/etc/hostname"), r.err());
    }

    @Test
    void checkIntegrityPutsTheTableInThePlan() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL,
                "--check-integrity", "--dry-run", "--json");
        assertEquals(0, r.status(), r.err());
        Json j = JsonReader.read(r.out());
        assertTrue(JsonReader.num(j, "integrityCheck", "ranges") >= 1);
        assertTrue(JsonReader.num(j, "integrityCheck", "bytes") > 0);
        CliRun off = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL,
                "--dry-run");
        assertTrue(off.out().contains("integrity check            off"), off.out());
    }

    @Test
    void aTrampolineUartInsideRamIsAPlanError() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL,
                "--trampoline-uart", "0x48000000", "--dry-run");
        assertEquals(ExitStatus.PLAN, r.status(), r.err());
        assertTrue(r.err().contains("UART 0x48000000 lies inside RAM"), r.err());
    }

    @Test
    void theCorruptionTestHookNeedsTheCheck() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL,
                "--test-corrupt-after-load", "0x40000010", "--dry-run");
        assertEquals(ExitStatus.PLAN, r.status(), r.err());
        assertTrue(r.err().contains("--check-integrity"), r.err());
    }

    @Test
    void modesAreExclusive() throws Exception {
        CliRun r = CliRun.of("boot", "--kernel", KERNEL, "--dry-run", "--unload");
        assertEquals(ExitStatus.USAGE, r.status());
    }

    @Test
    void fileSpecsSplitTheTypeOffTheLastColon() {
        assertEquals("md_image", BootCommand.fileSpec("/boot/mfsroot:md_image").type().orElseThrow());
        assertTrue(BootCommand.fileSpec("/boot/kernel/foo.ko").type().isEmpty());
        assertTrue(BootCommand.fileSpec("/mnt/a:b/foo.ko").type().isEmpty(), "a colon in a directory is path");
        assertEquals("/mnt/a:b/foo.ko", BootCommand.fileSpec("/mnt/a:b/foo.ko").source().name());
    }

    @Test
    void aBadTrampolineUartIsAUsageError() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL, "--dry-run",
                "--trampoline-uart", "0xZZ");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("not auto, off or a positive physical address"), r.err());
        CliRun off = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL,
                "--dry-run", "--trampoline-uart", "off");
        assertTrue(off.out().contains("trampoline UART            none (silent)"), off.out());
    }

    @Test
    void bootVerboseInTheEnvironmentAlsoPrintsTimings() throws Exception {
        CliRun r = CliRun.of("boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", KERNEL, "--dry-run",
                "boot_verbose=YES");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("timings:"), r.err());
        assertTrue(r.out().contains("RB_VERBOSE"), "the kernel gets RB_VERBOSE too");
    }
}
