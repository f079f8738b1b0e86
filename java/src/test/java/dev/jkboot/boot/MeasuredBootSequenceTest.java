package dev.jkboot.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.exec.KexecRunner;
import dev.jkboot.exec.RecordingSyscalls;
import dev.jkboot.freebsd.NativeFixtures;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.TrampolineOptions;
import dev.jkboot.tpm.FakeTpm;
import dev.jkboot.tpm.MeasuredBoot;
import dev.jkboot.tpm.Measurement;
import dev.jkboot.tpm.TpmException;
import dev.jkboot.tpm.TpmPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured-boot step inside the one boot sequence: what it measures, and that it runs before kexec_load. */
class MeasuredBootSequenceTest {
    @TempDir
    Path dir;
    final FakeTpm tpm = FakeTpm.sha1AndSha256();
    final RecordingSyscalls kexec = new RecordingSyscalls();
    final List<String> events = new ArrayList<>();

    private BootSequence sequence(MeasuredBoot measuredBoot) {
        return new BootSequence(FreeBsdArm64.builtIn(), new BootSequence.Hooks() {
            @Override
            public void phase(String name) {
                events.add(name);
            }

            @Override
            public KexecRunner runner(long kexecArchFlag) {
                return new KexecRunner(kexec, false, m -> { });
            }

            @Override
            public void measure(List<Measurement> measurements) throws JkbootException {
                events.add("measure with %d kexec loads done".formatted(kexec.loads.size()));
                measuredBoot.measure(measurements);
            }

            @Override
            public String render(KexecPlan plan) {
                return "";
            }

            @Override
            public void loaded(KexecPlan plan) {
                events.add("loaded");
            }
        });
    }

    private MeasuredBoot measuredBoot(TpmPolicy policy) {
        return new MeasuredBoot(policy, () -> Optional.of(tpm), dir.resolve("log.bin"), m -> { });
    }

    private BootRequest request() throws Exception {
        Path raw = Files.write(dir.resolve("mfsroot"), "a memory disk".getBytes(StandardCharsets.UTF_8));
        Path seed = Files.write(dir.resolve("entropy"), "new at every boot".getBytes(StandardCharsets.UTF_8));
        return BootPlanningTest.request(List.of(
                new BootRequest.FileSpec(BootSource.of(seed), Optional.of("boot_entropy_cache"), Optional.empty()),
                new BootRequest.FileSpec(BootPlanningTest.named("/boot/kernel/testmod.ko", NativeFixtures.testModule()),
                        Optional.empty(), Optional.empty()),
                new BootRequest.FileSpec(BootSource.of(raw), Optional.of("md_image"), Optional.empty())));
    }

    @Test
    void everyFileAndTheCommandLineAreMeasuredBeforeKexecLoad() throws Exception {
        sequence(measuredBoot(TpmPolicy.REQUIRE)).run(BootPlanningTest.host("direct-2g"), request(),
                TrampolineOptions.silent(), BootSequence.Mode.LOAD_ONLY);

        assertEquals(List.of("loading", "planning", "native shim", "measure with 0 kexec loads done", "measuring",
                "kexec_load", "loaded"), events);
        assertEquals(1, kexec.loads.size());
        // The digests of the files as they lie on disk, in load order, computed here; the entropy
        // seed is loaded but not measured.
        byte[] pcr9 = new byte[32];
        for (Path file : List.of(NativeFixtures.testKernel(), NativeFixtures.testModule(), dir.resolve("mfsroot"))) {
            pcr9 = extend(pcr9, sha256(Files.readAllBytes(file)));
        }
        assertArrayEquals(pcr9, tpm.pcr(0x000B, 9));
        // -s is RB_SINGLE (2); the variables in the kernel's (strcmp) order.
        String line = "howto=0x00000002 kernelname=/boot/kernel/kernel vfs.root.mountfrom=ufs:/dev/vtbd0p2";
        assertArrayEquals(extend(new byte[32], sha256(line.getBytes(StandardCharsets.UTF_8))), tpm.pcr(0x000B, 8));
    }

    @Test
    void theMeasurementsFollowTheLoadOrderWhenTheElfFilesWereReadFirst() throws Exception {
        Path raw = Files.write(dir.resolve("mfsroot"), "a memory disk".getBytes(StandardCharsets.UTF_8));
        BootRequest request = BootPlanningTest.request(List.of(
                new BootRequest.FileSpec(BootSource.of(raw), Optional.of("md_image"), Optional.empty()),
                new BootRequest.FileSpec(BootPlanningTest.named("/boot/kernel/testmod.ko", NativeFixtures.testModule()),
                        Optional.empty(), Optional.empty())));
        BootSequence sequence = sequence(measuredBoot(TpmPolicy.REQUIRE));
        // As jkboot boot does: the kernel and the module are read while the host is discovered, the
        // memory disk only after the fit check.
        BootSequence.Prepared prepared = sequence.prepare(request);
        sequence.run(BootPlanningTest.host("direct-2g"), prepared, TrampolineOptions.silent(),
                BootSequence.Mode.LOAD_ONLY);

        byte[] pcr9 = new byte[32];
        for (Path file : List.of(NativeFixtures.testKernel(), raw, NativeFixtures.testModule())) {
            pcr9 = extend(pcr9, sha256(Files.readAllBytes(file)));
        }
        assertArrayEquals(pcr9, tpm.pcr(0x000B, 9));
    }

    @Test
    void aRequiredTpmThatFailsStopsTheBootBeforeKexecLoad() throws Exception {
        tpm.extendResponseCode = 0x101;
        assertThrows(TpmException.class, () -> sequence(measuredBoot(TpmPolicy.REQUIRE)).run(
                BootPlanningTest.host("direct-2g"), request(), TrampolineOptions.silent(), BootSequence.Mode.BOOT));
        assertEquals(List.of(), kexec.loads);
        assertEquals(List.of(), kexec.calls);
    }

    @Test
    void theCommandLineQuotesWhatWouldBeAmbiguous() throws Exception {
        BootRequest plain = request();
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(plain.environment());
        env.put("comconsole_speed", "115200");
        env.put("kern.msg", "two words \"quoted\" back\\slash");
        BootRequest request = new BootRequest(plain.kernel(), plain.files(), plain.dtb(), plain.switches(), env);
        KexecPlan plan = DryRun.sequence().run(BootPlanningTest.host("direct-2g"), request, TrampolineOptions.silent(),
                BootSequence.Mode.DRY_RUN);
        assertEquals("howto=0x00000002 comconsole_speed=115200 kern.msg=\"two words \\\"quoted\\\" back\\\\slash\" "
                + "kernelname=/boot/kernel/kernel vfs.root.mountfrom=ufs:/dev/vtbd0p2",
                Measurements.commandLine(plan.image()));
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static byte[] extend(byte[] pcr, byte[] digest) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(pcr);
        return md.digest(digest);
    }
}
