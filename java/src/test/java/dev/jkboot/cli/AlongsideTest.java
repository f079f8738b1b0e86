package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.JkbootException;
import dev.jkboot.host.HostException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Work on a second thread: its result, its failures, and its messages held until the join. */
class AlongsideTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStderr() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(stderr);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theWorksMessagesWaitForTheJoinThenPassStraightThrough() throws Exception {
        CountDownLatch said = new CountDownLatch(1);
        Alongside.Output[] output = new Alongside.Output[1];
        Alongside<String> work = Alongside.start("test", out -> {
            output[0] = out;
            out.log("UEFI memory map read");
            out.loaderLine("/boot/kernel/kernel text=0x1000");
            said.countDown();
            return "files";
        });
        said.await();
        System.err.println("jkboot: the host's own line");
        assertEquals("jkboot: the host's own line\n", err(), "nothing of the work's is out before the join");

        assertEquals("files", work.join());
        assertTrue(work.took().toNanos() > 0, "the work's own time is known after the join");
        assertEquals("jkboot: the host's own line\njkboot: UEFI memory map read\n/boot/kernel/kernel text=0x1000\n",
                err());
        output[0].log().accept("after the join");
        assertEquals("jkboot: after the join\n", err().substring(err().lastIndexOf("jkboot: after")));
    }

    @Test
    void jkbootsErrorsAreThrownByTheJoinAsTheyAreAfterTheMessagesBeforeThem() {
        HostException refused = new HostException("/boot/kernel/kernel", "not an ELF file", "pass a FreeBSD kernel");
        Alongside<String> work = Alongside.start("test", out -> {
            out.loaderLine("/boot/kernel/kernel");
            throw refused;
        });
        JkbootException e = assertThrows(JkbootException.class, work::join);
        assertSame(refused, e);
        assertEquals("/boot/kernel/kernel\n", err());
    }

    @Test
    void aBugOnTheSecondThreadIsThrownByTheJoin() {
        IllegalStateException bug = new IllegalStateException("bug");
        Alongside<String> work = Alongside.start("test", out -> {
            throw bug;
        });
        assertSame(bug, assertThrows(IllegalStateException.class, work::join));
    }

    @Test
    void runningOutOfMemoryThereIsThrownHereToo() {
        OutOfMemoryError exhausted = new OutOfMemoryError("Java heap space");
        Alongside<String> work = Alongside.start("test", out -> {
            throw exhausted;
        });
        assertSame(exhausted, assertThrows(OutOfMemoryError.class, work::join));
    }
}
