package dev.jkboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.JkbootException;
import dev.jkboot.fs.FileContent;
import dev.jkboot.plan.PlanException;
import dev.jkboot.plan.TrampolineOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The boot sequence refuses a raw file that cannot fit from its size alone: not a byte of any file is read. */
class FitBeforeReadTest {
    /** A file of {@code size} bytes that fails the test if anything reads it. */
    static BootSource unreadable(String name, long size) {
        return new BootSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read() {
                throw new AssertionError(name + " was read");
            }

            @Override
            public FileContent content() {
                throw new AssertionError(name + " was opened for its content");
            }
        };
    }

    @Test
    void aThreeGibMemoryDiskIsRefusedBeforeTheKernelOrItIsRead() throws JkbootException {
        BootRequest request = new BootRequest(unreadable("/boot/kernel/kernel", 30 << 20),
                List.of(new BootRequest.FileSpec(unreadable("/boot/md.img", 3L << 30), Optional.of("md_image"),
                        Optional.empty())), Optional.empty(), BootPlanningTest.request(List.of()).switches(),
                java.util.Map.of());
        DryRun hooks = new DryRun();
        PlanException e = assertThrows(PlanException.class, () -> new BootSequence(FreeBsdArm64.builtIn(), hooks)
                .run(BootPlanningTest.host("direct-2g"), request, TrampolineOptions.silent(), BootSequence.Mode.DRY_RUN));
        assertEquals(ExitStatus.PLAN, e.exitStatus());
        assertTrue(e.getMessage().startsWith("/boot/md.img (md_image) is 3072 MiB (3221225472 bytes), which cannot "
                + "fit: the largest hole is [0x49700000, 0xb9800000), 1792 MiB"), e.getMessage());
        assertEquals(List.of(), hooks.phases, "nothing was loaded");
    }

    @Test
    void withTheElfFilesPreparedAheadTheMemoryDiskIsStillRefusedUnread() throws JkbootException {
        BootRequest request = new BootRequest(BootPlanningTest.kernel(),
                List.of(new BootRequest.FileSpec(unreadable("/boot/md.img", 3L << 30), Optional.of("md_image"),
                        Optional.empty())), Optional.empty(), BootPlanningTest.request(List.of()).switches(),
                java.util.Map.of());
        DryRun hooks = new DryRun();
        BootSequence sequence = new BootSequence(FreeBsdArm64.builtIn(), hooks);
        BootSequence.Prepared prepared = sequence.prepare(request);
        PlanException e = assertThrows(PlanException.class, () -> sequence.run(BootPlanningTest.host("direct-2g"),
                prepared, TrampolineOptions.silent(), BootSequence.Mode.DRY_RUN));
        assertTrue(e.getMessage().startsWith("/boot/md.img (md_image) is 3072 MiB"), e.getMessage());
        assertEquals(List.of(), hooks.phases, "nothing was loaded");
    }
}
