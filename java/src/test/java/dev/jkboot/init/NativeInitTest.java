package dev.jkboot.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jkboot.exec.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host build of the shim's PID 1 calls, only where they are refused before they change
 * anything: a missing mount point, console or module file. Nothing is mounted, no descriptor of
 * this JVM is replaced and no module is loaded.
 */
class NativeInitTest {
    private static final String MISSING = "/nonexistent-jkboot-test/none";
    private static NativeInit init;

    @BeforeAll
    static void loadHostShim() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "host shim tests run on x86-64 hosts");
        assumeTrue(!Files.exists(Path.of(MISSING).getParent()), MISSING + " must not exist");
        System.setProperty("jna.library.path", System.getProperty("jkboot.native.dir") + "/shim/x86_64");
        init = NativeInit.load();
    }

    @Test
    void mountOnAMissingDirectoryIsRefused() {
        long rc = init.mount("none", MISSING, "tmpfs", "mode=0755");
        assertTrue(rc == -Errno.ENOENT || rc == -Errno.EPERM, "rc " + rc);
    }

    @Test
    void aMissingConsoleComesBackAsEnoent() {
        assertEquals(-Errno.ENOENT, init.console(MISSING));
    }

    @Test
    void aMissingModuleFileComesBackAsEnoent() {
        assertEquals(-Errno.ENOENT, init.loadModule(MISSING + ".ko"));
    }
}
