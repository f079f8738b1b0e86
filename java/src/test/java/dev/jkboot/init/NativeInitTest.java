package dev.jkboot.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.RequiredTool;
import dev.jkboot.shim.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host build of the shim's PID 1 calls, only where they are refused before they change
 * anything: a missing mount point, console or module file (under a fresh temporary directory, so
 * surely missing). Nothing is mounted, no descriptor of this JVM is replaced and no module is loaded.
 */
class NativeInitTest {
    @TempDir static Path tmp;
    private static String missing;
    private static NativeInit init;

    @BeforeAll
    static void loadHostShim() throws Exception {
        RequiredTool.useHostShim();
        init = NativeInit.load();
        missing = tmp.resolve("nonexistent/none").toString();
    }

    /**
     * mount(2) looks the mount point up (user_path_at) before it checks the privilege to mount (may_mount),
     * so a missing directory is ENOENT for root and everyone else alike; only a seccomp filter seeing the
     * call first (a container's: Docker's default answers EPERM for mount) says otherwise.
     */
    @Test
    void mountOnAMissingDirectoryIsRefusedWithEnoent() throws Exception {
        boolean filtered = Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Seccomp:\\s*2"));
        assertEquals(filtered ? -Errno.EPERM : -Errno.ENOENT, init.mount("none", missing, "tmpfs", "mode=0755"),
                filtered ? "under a seccomp filter" : "without a seccomp filter");
    }

    @Test
    void aMissingConsoleComesBackAsEnoent() {
        assertEquals(-Errno.ENOENT, init.console(missing));
    }

    @Test
    void aMissingModuleFileComesBackAsEnoent() {
        assertEquals(-Errno.ENOENT, init.loadModule(missing + ".ko"));
    }
}
