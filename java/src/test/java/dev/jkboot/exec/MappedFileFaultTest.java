package dev.jkboot.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.boot.FreeBsdArm64;
import dev.jkboot.plan.KexecPlan;
import dev.jkboot.plan.TrampolineData;
import dev.jkboot.shim.Errno;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linux cannot read a mapped file's pages (it shrank, or its disk failed): kexec_load says EFAULT, and jkboot why. */
class MappedFileFaultTest {
    @Test
    void efaultNamesTheMappedFilesAndNeverReboots() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.loadResult = -Errno.EFAULT;
        List<String> log = new ArrayList<>();
        KexecPlan plan = new KexecPlan(FreeBsdArm64.builtIn(), null, 0x40200000L, 0x40300000L,
                new TrampolineData(0, 0, 0, 0, 0, 0), List.of());
        KexecException e = assertThrows(KexecException.class,
                () -> new KexecRunner(sys, false, log::add).load(plan, () -> ""));
        assertTrue(e.getMessage().startsWith("kexec_load failed with EFAULT: Linux could not read the bytes of a "
                + "segment"), e.getMessage());
        assertTrue(e.getMessage().contains("mapped"), e.getMessage());
        assertEquals(List.of("load"), sys.calls);
    }
}
