package dev.jkboot.cli;

import static dev.jkboot.json.JsonReader.at;
import static dev.jkboot.json.JsonReader.bool;
import static dev.jkboot.json.JsonReader.num;
import static dev.jkboot.json.JsonReader.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.json.Json;
import dev.jkboot.json.JsonReader;
import dev.jkboot.verify.OpensslSigning;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
    @Test
    void jsonOfAUefiHostParsesBackToItsFacts() throws Exception {
        CliRun r = CliRun.of("probe", "--host-root", CliRun.hostFixture("uefi-2g"), "--json");
        assertEquals(0, r.status(), r.err());
        Json j = JsonReader.read(r.out());
        assertEquals("jkboot-probe/1", str(j, "schema"));
        assertEquals("uefi-acpi", str(j, "firmware", "kind"));
        assertTrue(bool(j, "memory", "available"));
        assertEquals("0x40000000", str(j, "memory", "systemRam", 0, "start"));
        assertEquals("0xbc440000", str(j, "memory", "systemRam", 0, "end"));
        assertEquals(0xbc44_0000L - 0x4000_0000L, num(j, "memory", "systemRam", 0, "size"));
        assertEquals("0xbffd0018", str(j, "uefi", "systemTable"));
        assertEquals("0xbaf4d9c0", str(j, "uefi", "mapAddress"));
        assertEquals(1488, num(j, "uefi", "mapSize"));
        assertEquals(48, num(j, "uefi", "descriptorSize"));
        assertEquals("disabled", str(j, "uefi", "secureBoot"));
        assertFalse(bool(j, "efiMap", "available"));
        assertTrue(str(j, "efiMap", "reason").startsWith("ENOENT"));
        assertEquals("0xbaf40018", str(j, "systab", "rsdp"));
        assertEquals("ARM PL011", str(j, "spcr", "interface"));
        assertEquals("0x9000000", str(j, "spcr", "address"));
        assertFalse(bool(j, "deviceTree", "describesHardware"));
        assertEquals(Json.Null.NULL, at(j, "deviceTree", "model"));
        assertTrue(bool(j, "kexec", "ready"));
        assertEquals("none", str(j, "kexec", "lockdown"));
        assertTrue(bool(j, "kexec", "capSysBoot"));
        assertEquals(64L << 20, num(j, "staging", "size"));
        assertEquals(0, Long.decode(str(j, "staging", "address")) % (2 << 20));
    }

    @Test
    void jsonOfADirectBootHasMemoryNodesAndNoUefi() throws Exception {
        CliRun r = CliRun.of("probe", "--json", "--host-root", CliRun.hostFixture("direct-2g"));
        Json j = JsonReader.read(r.out());
        assertEquals("dt-only", str(j, "firmware", "kind"));
        assertEquals("linux,dummy-virt", str(j, "deviceTree", "model"));
        assertEquals(2L << 30, num(j, "deviceTree", "memory", 0, "size"));
        assertEquals("0x9000000", str(j, "deviceTree", "consoleAddress"));
        assertFalse(bool(j, "uefi", "available"));
        assertTrue(str(j, "uefi", "reason").contains("not booted through UEFI"));
        assertFalse(bool(j, "systab", "available"));
    }

    @Test
    void anEmptyHostIsAReportOfNotAvailableLinesAndExitsZero(@TempDir Path dir) {
        CliRun r = CliRun.of("probe", "--host-root", dir.toString());
        assertEquals(ExitStatus.OK, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("RAM: not available: " + dir.resolve("proc/iomem") + ": does not exist"),
                r.out());
        assertTrue(r.out().contains("Staging (64 MiB): not available:"), r.out());
        long notAvailable = r.out().lines().filter(l -> l.contains("not available: ")).count();
        assertTrue(notAvailable >= 15, r.out());
    }

    @Test
    void theTextReportNamesFirmwareRamAndReadiness() throws Exception {
        CliRun r = CliRun.of("probe", "--host-root", CliRun.hostFixture("uefi-el2-gic3-2g"));
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Firmware: UEFI with ACPI\n"));
        assertTrue(r.out().contains("  System RAM     0x40000000-0xbc43ffff  1988.3 MiB\n"), r.out());
        assertTrue(r.out().contains("  map through /dev/mem: not read: "));
        assertTrue(r.out().contains("\nkexec: ready\n"));
        assertTrue(r.out().contains("\nStaging (64 MiB): 0x40200000 in usable RAM 0x401e0000-0xb2dfffff"),
                r.out());
    }

    @Test
    void theTpmIsASectionOfTheReportAndTheJson(@TempDir Path dir) throws Exception {
        Json none = JsonReader.read(CliRun.of("probe", "--json", "--host-root", dir.toString()).out());
        assertFalse(bool(none, "tpm", "available"));
        assertTrue(str(none, "tpm", "reason").startsWith("no TPM 2.0 device"), str(none, "tpm", "reason"));
        java.nio.file.Files.createDirectories(dir.resolve("dev"));
        java.nio.file.Files.createFile(dir.resolve("dev/tpmrm0"));
        Json found = JsonReader.read(CliRun.of("probe", "--json", "--host-root", dir.toString()).out());
        assertEquals("/dev/tpmrm0", str(found, "tpm", "device"));
        assertEquals(Json.Null.NULL, at(found, "tpm", "banks"));
        assertTrue(CliRun.of("probe", "--host-root", dir.toString()).out().endsWith(
                "TPM:\n  2.0 at /dev/tpmrm0, active PCR banks: not asked (a captured host tree)\n"));
    }

    @Test
    void aHostRootThatIsNotADirectoryIsAHostError(@TempDir Path dir) {
        CliRun r = CliRun.of("probe", "--host-root", dir.resolve("nowhere").toString());
        assertEquals(ExitStatus.HOST, r.status());
        assertEquals("jkboot: error: " + dir.resolve("nowhere") + ": is not a directory\n"
                + "jkboot: fix: give --host-root the directory that stands for the host's /\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void theVerifiedBootPolicyAndItsAnchorsAreReported(@TempDir Path dir) throws Exception {
        OpensslSigning.create(dir.resolve("keys"), "ec").installAnchor(dir);
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/cmdline"), "console=ttyAMA0 jkboot.verify=strict\n");
        CliRun r = CliRun.of("probe", "--host-root", dir.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Json j = JsonReader.read(r.out());
        assertTrue(bool(j, "verify", "available"));
        assertEquals("strict", str(j, "verify", "level"));
        assertEquals("strict by jkboot.verify on the kernel command line", str(j, "verify", "reasons", 1));
        assertEquals("CN=jkboot test CA", str(j, "verify", "anchors", 0, "subject"));
        assertEquals("EC", str(j, "verify", "anchors", 0, "key"));
        CliRun text = CliRun.of("probe", "--host-root", dir.toString());
        assertTrue(text.out().contains("Verified boot:\n  verified boot: strict (1 trust anchor in /etc/jkboot/trust; "
                + "strict by jkboot.verify on the kernel command line)\n  anchor CN=jkboot test CA (until "), text.out());
    }

    @Test
    void aPolicyThatWouldStopABootIsNotAvailableInProbe(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/cmdline"), "jkboot.verify=off\n");
        CliRun r = CliRun.of("probe", "--host-root", dir.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Json j = JsonReader.read(r.out());
        assertFalse(bool(j, "verify", "available"));
        assertTrue(str(j, "verify", "reason").contains("'off' is not a verification level"), r.out());
    }
}
