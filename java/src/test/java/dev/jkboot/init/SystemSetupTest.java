package dev.jkboot.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.shim.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PID 1's set-up against a scratch directory standing for / and a fake kernel: nothing is mounted. */
class SystemSetupTest {
    @TempDir Path root;
    final List<String> log = new ArrayList<>();
    FakeKernel kernel;

    /**
     * Records every call. A mount of proc creates /proc/self and lists itself in /proc/self/mounts,
     * later mounts append there, a sysfs mount brings /sys/kernel/security; {@code results} scripts
     * failures by call ("mount sysfs", "console", "module virtio_blk.ko").
     */
    final class FakeKernel implements InitSyscalls {
        final List<String> calls = new ArrayList<>();
        final Map<String, Long> results = new HashMap<>();

        @Override
        public long mount(String source, String target, String fstype, String data) {
            calls.add("mount " + fstype + " " + rel(target) + (data == null ? "" : " " + data));
            long rc = results.getOrDefault("mount " + fstype, 0L);
            if (rc == 0) {
                try {
                    if (fstype.equals("proc")) {
                        Files.createDirectories(Path.of(target, "self"));
                    }
                    if (fstype.equals("sysfs")) {
                        Files.createDirectories(Path.of(target, "kernel/security"));
                    }
                    if (Files.isDirectory(root.resolve("proc/self"))) {
                        Files.writeString(root.resolve("proc/self/mounts"), source + " " + target + " " + fstype
                                + " rw 0 0\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return rc;
        }

        @Override
        public long console(String path) {
            calls.add("console " + rel(path));
            return results.getOrDefault("console", 0L);
        }

        @Override
        public long loadModule(String path) {
            String name = Path.of(path).getFileName().toString();
            calls.add("module " + rel(path));
            return results.getOrDefault("module " + name, 0L);
        }

        private String rel(String path) {
            return "/" + root.relativize(Path.of(path));
        }
    }

    @BeforeEach
    void kernel() throws IOException {
        kernel = new FakeKernel();
        Files.createDirectories(root.resolve("lib/modules"));
        for (String m : List.of("virtio_mmio.ko", "efivarfs.ko", "virtio_blk.ko", "README")) {
            Files.writeString(root.resolve("lib/modules").resolve(m), m);
        }
    }

    private void setUp() throws InitException {
        new SystemSetup(root, kernel, log::add).run();
    }

    private void alreadyMounted(String... mountPoints) throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        StringBuilder mounts = new StringBuilder();
        for (String m : mountPoints) {
            mounts.append("none ").append(root.resolve(m.substring(1))).append(" something rw 0 0\n");
        }
        Files.writeString(root.resolve("proc/self/mounts"), mounts);
    }

    @Test
    void aBareRootGetsWhatInitWouldSetUpInItsOrder() throws Exception {
        setUp();
        assertEquals(List.of(
                "mount proc /proc",
                "mount sysfs /sys",
                "mount devtmpfs /dev",
                "console /dev/console",
                "mount tmpfs /tmp mode=1777",
                "mount securityfs /sys/kernel/security",
                "module /lib/modules/virtio_blk.ko",
                "module /lib/modules/virtio_mmio.ko"), kernel.calls);
        assertEquals(List.of("PID 1: mounted " + root.resolve("proc") + " " + root.resolve("sys") + " "
                + root.resolve("dev") + " " + root.resolve("tmp") + " " + root.resolve("sys/kernel/security")
                + "; loaded virtio_blk.ko virtio_mmio.ko"), log);
    }

    @Test
    void underUefiEfivarfsIsLoadedAndMounted() throws Exception {
        Files.createDirectories(root.resolve("sys/firmware/efi/efivars"));
        setUp();
        assertEquals(List.of("module /lib/modules/efivarfs.ko", "module /lib/modules/virtio_blk.ko",
                "module /lib/modules/virtio_mmio.ko", "mount efivarfs /sys/firmware/efi/efivars"),
                kernel.calls.subList(6, kernel.calls.size()));
    }

    @Test
    void whatIsMountedAlreadyIsLeftAlone() throws Exception {
        alreadyMounted("/proc", "/sys", "/dev");
        Files.createDirectories(root.resolve("sys/kernel/security"));
        setUp();
        assertEquals(List.of("console /dev/console", "mount tmpfs /tmp mode=1777",
                "mount securityfs /sys/kernel/security", "module /lib/modules/virtio_blk.ko",
                "module /lib/modules/virtio_mmio.ko"), kernel.calls);
    }

    @Test
    void withoutDevtmpfsThereIsNoBootAndTheErrorSaysWhy() {
        kernel.results.put("mount devtmpfs", (long) -Errno.ENODEV);
        InitException e = assertThrows(InitException.class, this::setUp);
        assertEquals("cannot mount devtmpfs on " + root.resolve("dev") + ": ENODEV", e.getMessage());
        assertTrue(e.fix().contains("CONFIG_DEVTMPFS"), e.fix());
        assertEquals("mount devtmpfs /dev", kernel.calls.get(kernel.calls.size() - 1), "nothing after the failure");
    }

    @Test
    void optionalPartsThatFailAreReportedAndTheRestGoesOn() throws Exception {
        kernel.results.put("mount tmpfs", (long) -Errno.ENOMEM);
        kernel.results.put("console", (long) -Errno.ENOENT);
        kernel.results.put("module virtio_blk.ko", (long) -Errno.EINVAL);
        kernel.results.put("module virtio_mmio.ko", (long) -Errno.EEXIST);
        setUp();
        assertTrue(log.contains("cannot open " + root.resolve("dev/console") + " as the console (ENOENT); keeping "
                + "the standard input and output Linux gave PID 1"), log.toString());
        assertTrue(log.contains("cannot mount tmpfs on " + root.resolve("tmp") + ": ENOMEM; going on without it"),
                log.toString());
        assertTrue(log.contains("could not load " + root.resolve("lib/modules/virtio_blk.ko") + ": EINVAL"),
                log.toString());
        assertTrue(log.get(log.size() - 1).endsWith("; loaded virtio_mmio.ko"), "EEXIST means loaded: " + log);
        assertTrue(kernel.calls.contains("mount securityfs /sys/kernel/security"), kernel.calls.toString());
    }
}
