package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.TrampolineData;
import dev.jkboot.shim.Errno;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KexecRunnerTest {
    private final RecordingSyscalls sys = new RecordingSyscalls();
    private final List<String> log = new ArrayList<>();
    private static final KexecPlan PLAN = new KexecPlan(null, null, 0x40200000L, 0x41000000L,
            new TrampolineData(0, 0, 0, 0, 0, 0), List.of());

    @ParameterizedTest
    @ValueSource(ints = {Errno.EPERM, Errno.EACCES, Errno.EBUSY, Errno.EINVAL, Errno.ENOMEM, Errno.ENOSYS,
            Errno.EADDRNOTAVAIL, 5})
    void aFailedLoadNeverReboots(int errno) {
        sys.loadResult = -errno;
        KexecRunner runner = new KexecRunner(sys, false, log::add);
        KexecException e = assertThrows(KexecException.class, () -> runner.load(PLAN, () -> "PLAN-TEXT"));
        assertEquals(List.of("load"), sys.calls);
        assertEquals(errno, e.errno());
        assertEquals(ExitStatus.KEXEC, e.exitStatus());
        assertTrue(e.getMessage().startsWith("kexec_load failed with " + Errno.name(errno)), e.getMessage());
        assertTrue(!e.fix().isEmpty());
    }

    @Test
    void invalidArgumentReportsThePlan() {
        sys.loadResult = -Errno.EINVAL;
        KexecException e = assertThrows(KexecException.class,
                () -> new KexecRunner(sys, false, log::add).load(PLAN, () -> "segment 0 at 0x40200000"));
        assertTrue(e.getMessage().contains("segment 0 at 0x40200000"), e.getMessage());
    }

    @Test
    void secureBootRefusalSaysWhy() {
        sys.loadResult = -Errno.EACCES;
        KexecException e = assertThrows(KexecException.class, () -> new KexecRunner(sys, false, log::add).load(PLAN, () -> ""));
        assertTrue(e.getMessage().contains("Secure Boot") && e.getMessage().contains("kexec_file_load"), e.getMessage());
    }

    @Test
    void aSuccessfulLoadDoesNotRenderThePlan() throws Exception {
        new KexecRunner(sys, false, log::add).load(PLAN, () -> {
            throw new AssertionError("the plan summary is for error messages only");
        });
        assertEquals(List.of("load"), sys.calls);
    }

    @Test
    void jumpSyncsFirstAndUnloadsWhenRebootReturns() {
        KexecRunner runner = new KexecRunner(sys, false, log::add);
        assertThrows(KexecException.class, runner::jump);
        assertEquals(List.of("sync", "counter", "reboot", "unload"), sys.calls);
    }

    @Test
    void asInitThereIsNoSync() {
        KexecRunner runner = new KexecRunner(sys, true, log::add);
        KexecException e = assertThrows(KexecException.class, runner::jump);
        assertEquals(List.of("counter", "reboot", "unload"), sys.calls);
        assertTrue(e.getMessage().contains("returned EINVAL"), e.getMessage());
    }

    @Test
    void theCounterIsLoggedRightBeforeTheReboot() {
        assertThrows(KexecException.class, new KexecRunner(sys, true, log::add)::jump);
        assertEquals(List.of("reboot(LINUX_REBOOT_CMD_KEXEC)", "counter at reboot: 912581255 (62500000 Hz)"),
                log.subList(0, 2));
    }

    @Test
    void aCounterPastTheSignBitIsPrintedUnsigned() {
        sys.counter = 0x8000_0000_0000_0000L;
        assertThrows(KexecException.class, new KexecRunner(sys, true, log::add)::jump);
        assertTrue(log.contains("counter at reboot: 9223372036854775808 (62500000 Hz)"), log.toString());
    }

    @Test
    void withoutACounterNothingIsLoggedAboutIt() {
        sys.counter = 0;
        sys.counterFrequency = 0;
        assertThrows(KexecException.class, new KexecRunner(sys, true, log::add)::jump);
        assertEquals(List.of("reboot", "unload"), sys.calls);
        assertTrue(log.stream().noneMatch(l -> l.contains("counter")), log.toString());
    }

    @Test
    void unloadFailureIsReported() {
        sys.unloadResult = -Errno.EPERM;
        KexecException e = assertThrows(KexecException.class, () -> new KexecRunner(sys, false, log::add).unload());
        assertEquals(Errno.EPERM, e.errno());
    }
}
