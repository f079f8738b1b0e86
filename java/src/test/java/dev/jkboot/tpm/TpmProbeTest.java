package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.host.Finding;
import dev.jkboot.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpmProbeTest {
    @TempDir
    Path dir;

    private HostRoot withDevice(String device) throws Exception {
        Files.createDirectories(dir.resolve("dev"));
        Files.createFile(dir.resolve(device.substring(1)));
        return new HostRoot(dir);
    }

    private static TpmProbe.DeviceOpener refusing() {
        return path -> {
            throw new AssertionError("opened " + path);
        };
    }

    @Test
    void noDeviceIsNotAvailableWithTheDriverToLoad() {
        Finding<TpmProbe.TpmStatus> f = TpmProbe.describe(new HostRoot(dir), refusing(), true);
        Finding.NotAvailable<TpmProbe.TpmStatus> missing = (Finding.NotAvailable<TpmProbe.TpmStatus>) f;
        assertEquals(dir.resolve("dev/tpmrm0").toString(), missing.path());
        assertTrue(missing.reason().startsWith("no TPM 2.0 device (/dev/tpmrm0, /dev/tpm0)"), missing.reason());
        assertTrue(missing.fix().contains("tpm_tis"), missing.fix());
    }

    @Test
    void theTpmListsItsOwnBanks() throws Exception {
        FakeTpm tpm = FakeTpm.sha1AndSha256().bank(0x0012, "SM3", 32);
        Finding<TpmProbe.TpmStatus> f = TpmProbe.describe(withDevice("/dev/tpm0"), path -> {
            assertEquals(dir.resolve("dev/tpm0"), path);
            return tpm;
        }, true);
        assertEquals(new TpmProbe.TpmStatus("/dev/tpm0", Optional.of(List.of("sha1", "sha256", "sm3_256"))),
                f.optional().orElseThrow());
        assertTrue(tpm.closed);
    }

    @Test
    void aCapturedTreeIsNotAsked() throws Exception {
        Finding<TpmProbe.TpmStatus> f = TpmProbe.describe(withDevice("/dev/tpmrm0"), refusing());
        assertEquals(new TpmProbe.TpmStatus("/dev/tpmrm0", Optional.empty()), f.optional().orElseThrow());
    }

    @Test
    void aTpmThatDoesNotAnswerIsNotAvailableWithItsReason() throws Exception {
        Finding<TpmProbe.TpmStatus> f = TpmProbe.describe(withDevice("/dev/tpmrm0"), path -> {
            throw new TpmException("cannot open the TPM at " + path + ": busy", "run as root");
        }, true);
        Finding.NotAvailable<TpmProbe.TpmStatus> missing = (Finding.NotAvailable<TpmProbe.TpmStatus>) f;
        assertTrue(missing.reason().endsWith(": busy"), missing.reason());
        assertEquals("run as root", missing.fix());
    }

    @Test
    void aTpm12IsNamedAndNotUsed() throws Exception {
        HostRoot root = withDevice("/dev/tpm0");
        Path version = dir.resolve("sys/class/tpm/tpm0/tpm_version_major");
        Files.createDirectories(version.getParent());
        Files.writeString(version, "1\n");
        Finding.NotAvailable<TpmProbe.TpmStatus> missing =
                (Finding.NotAvailable<TpmProbe.TpmStatus>) TpmProbe.describe(root, refusing(), true);
        assertEquals("the TPM is version 1, jkboot measures into TPM 2.0 only", missing.reason());
    }
}
