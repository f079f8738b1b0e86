package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fs.FileContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured-boot step and its policy, against a TPM in memory. */
class MeasuredBootTest {
    private static final byte[] KERNEL = "kernel".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MODULE = "module".getBytes(StandardCharsets.UTF_8);
    private static final String LINE = "howto=0x00000000 kernelname=/boot/kernel/kernel";

    @TempDir
    Path dir;
    final FakeTpm tpm = FakeTpm.sha1AndSha256();
    final List<String> said = new ArrayList<>();

    private static List<Measurement> boot() {
        return List.of(Measurement.file("/boot/kernel/kernel", FileContent.of(KERNEL)),
                Measurement.file("/boot/kernel/testmod.ko", FileContent.of(MODULE)), Measurement.commandLine(LINE));
    }

    private MeasuredBoot step(TpmPolicy policy, MeasuredBoot.Opener opener) {
        return new MeasuredBoot(policy, opener, dir.resolve("run/jkboot/tpm-event-log.bin"), said::add);
    }

    private MeasuredBoot step(TpmPolicy policy) {
        return step(policy, () -> Optional.of(tpm));
    }

    @Test
    void everyBankGetsTheChainOfItsOwnDigests() throws Exception {
        step(TpmPolicy.REQUIRE).measure(boot());
        assertArrayEquals(SwtpmTest.chain("SHA-256", KERNEL, MODULE), tpm.pcr(0x000B, 9));
        assertArrayEquals(SwtpmTest.chain("SHA-1", KERNEL, MODULE), tpm.pcr(0x0004, 9));
        assertArrayEquals(SwtpmTest.chain("SHA-256", LINE.getBytes(StandardCharsets.UTF_8)), tpm.pcr(0x000B, 8));
        assertArrayEquals(new byte[32], tpm.pcr(0x000B, 10), "no other PCR is touched");
        // Banks first, the two PCRs read before and after, one extend per measurement; then the device is closed.
        assertEquals(List.of("GetCapability", "PCR_Read", "PCR_Read", "PCR_Extend", "PCR_Extend", "PCR_Extend",
                "PCR_Read", "PCR_Read"), tpm.commands);
        assertTrue(tpm.closed);
        assertTrue(said.get(3).startsWith("measured 3 items into PCRs [8, 9] of /dev/faketpm (banks [sha1, sha256]); "
                + "event log "), said.get(3));
    }

    @Test
    void theEventLogReplaysToTheTpmsValues() throws Exception {
        step(TpmPolicy.REQUIRE).measure(boot());
        step(TpmPolicy.REQUIRE).measure(boot().subList(0, 1));
        Path log = dir.resolve("run/jkboot/tpm-event-log.bin");
        String parsed = EventLogCheck.replayedEqualsTheTpm(log, (bank, pcr) -> HexFormat.of().withUpperCase()
                .formatHex(tpm.pcr(bank.equals("sha1") ? 0x0004 : 0x000B, pcr)));
        assertEquals(1, parsed.split("Spec ID Event03", -1).length - 1, "a second boot appends to the log: " + parsed);
        assertEquals(4, parsed.split("EventType: EV_IPL", -1).length - 1, parsed);
    }

    @Test
    void noTpmUnderWarnIsSaidAndTheBootGoesOn() throws Exception {
        step(TpmPolicy.WARN, Optional::empty).measure(boot());
        assertEquals(1, said.size());
        assertTrue(said.get(0).startsWith("measured boot: no TPM 2.0 device (/dev/tpmrm0, /dev/tpm0)"), said.get(0));
        assertTrue(said.get(0).endsWith("booting on without measurements (--tpm-policy require would stop here)"));
        assertFalse(Files.exists(dir.resolve("run")), "no log without a TPM");
    }

    @Test
    void noTpmUnderRequireStopsTheBoot() {
        TpmException e = assertThrows(TpmException.class, () -> step(TpmPolicy.REQUIRE, Optional::empty).measure(boot()));
        assertTrue(e.fix().contains("TPM driver"), e.fix());
        assertEquals(3, e.exitStatus());
    }

    @Test
    void offNeverOpensTheTpm() throws Exception {
        step(TpmPolicy.OFF, () -> {
            throw new AssertionError("opened");
        }).measure(boot());
        assertEquals(List.of(), said);
    }

    @Test
    void aRefusedExtendIsReportedAndStopsOnlyUnderRequire() throws Exception {
        tpm.extendResponseCode = 0x101;
        TpmException e = assertThrows(TpmException.class, () -> step(TpmPolicy.REQUIRE).measure(boot()));
        assertEquals("the TPM refused TPM2_PCR_Extend: TPM_RC 0x101 (TPM_RC_FAILURE: the TPM is in failure mode)",
                e.getMessage());
        assertTrue(tpm.closed);
        step(TpmPolicy.WARN).measure(boot());
        assertTrue(said.get(0).startsWith("measured boot: the TPM refused TPM2_PCR_Extend: TPM_RC 0x101"), said.get(0));
    }

    @Test
    void aPcrChangedBehindJkbootsBackFailsTheSelfCheck() {
        tpm.meddle = true;
        TpmException e = assertThrows(TpmException.class, () -> step(TpmPolicy.REQUIRE).measure(boot()));
        assertTrue(e.getMessage().startsWith("PCR 9 (sha256) reads "), e.getMessage());
    }

    @Test
    void aBankJkbootCannotComputeIsRefused() {
        tpm.bank(0x0012, "SM3", 32);
        TpmException e = assertThrows(TpmException.class, () -> step(TpmPolicy.REQUIRE).measure(boot()));
        assertTrue(e.getMessage().contains("algorithm 0x0012, which jkboot cannot compute"), e.getMessage());
        assertEquals(List.of("GetCapability"), tpm.commands, "nothing extended in some banks only");
    }

    @Test
    void aTpmWithoutBanksIsRefused() {
        FakeTpm empty = new FakeTpm();
        TpmException e = assertThrows(TpmException.class,
                () -> step(TpmPolicy.REQUIRE, () -> Optional.of(empty)).measure(boot()));
        assertTrue(e.getMessage().endsWith("has no active PCR bank"), e.getMessage());
    }

    @Test
    void anUnwritableLogIsATpmFault() throws Exception {
        Files.writeString(dir.resolve("run"), "a file where the directory should be");
        TpmException e = assertThrows(TpmException.class, () -> step(TpmPolicy.REQUIRE).measure(boot()));
        assertTrue(e.getMessage().startsWith("cannot write the TPM event log "), e.getMessage());
    }
}
