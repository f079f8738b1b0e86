package dev.jkboot.init;

import dev.jkboot.shim.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What Linux leaves to PID 1 in an initramfs, done as FreeBSD's kboot (stand/kboot/kboot/init.c)
 * and jkboot's own /init do it: /proc, /sys and /dev (devtmpfs) mounted, the console as standard
 * input, output and error, /tmp, securityfs (where the kernel reports lockdown), the drivers in
 * /lib/modules (the disk's virtio_blk among them) and efivarfs under UEFI. Anything already mounted
 * is left alone.
 *
 * <p>Without /proc, /sys or /dev jkboot cannot find a disk, so failing to mount them is an
 * {@link InitException}; everything else is reported and the boot goes on.
 */
public final class SystemSetup {
    /** /init's module directory: every {@code *.ko} in it is loaded, in name order. */
    static final String MODULES = "lib/modules";
    /** efivarfs refuses to load without UEFI runtime services (a device-tree boot). */
    static final String EFIVARFS_MODULE = "efivarfs.ko";

    private final Path root;
    private final InitSyscalls sys;
    private final Consumer<String> log;

    /** {@code root} stands for {@code /} (a scratch directory in tests). */
    public SystemSetup(Path root, InitSyscalls sys, Consumer<String> log) {
        this.root = root;
        this.sys = sys;
        this.log = log;
    }

    public void run() throws InitException {
        List<String> done = new ArrayList<>();
        if (!Files.isDirectory(root.resolve("proc/self")) && mount("proc", "proc", "proc", null, true)) {
            done.add(path("proc"));
        }
        Set<String> mounted = mountPoints();
        mountUnlessMounted(mounted, "sysfs", "sys", "sysfs", null, true, done);
        mountUnlessMounted(mounted, "devtmpfs", "dev", "devtmpfs", null, true, done);
        long rc = sys.console(path("dev/console"));
        if (rc != 0) {
            log.accept("cannot open " + path("dev/console") + " as the console (" + Errno.name((int) -rc)
                    + "); keeping the standard input and output Linux gave PID 1");
        }
        mountUnlessMounted(mounted, "tmpfs", "tmp", "tmpfs", "mode=1777", false, done);
        if (Files.isDirectory(root.resolve("sys/kernel/security"))) {
            mountUnlessMounted(mounted, "securityfs", "sys/kernel/security", "securityfs", null, false, done);
        }
        List<String> modules = loadModules();
        if (Files.isDirectory(root.resolve("sys/firmware/efi/efivars"))) {
            mountUnlessMounted(mounted, "efivarfs", "sys/firmware/efi/efivars", "efivarfs", null, false, done);
        }
        log.accept("PID 1: mounted " + (done.isEmpty() ? "nothing more" : String.join(" ", done))
                + "; loaded " + (modules.isEmpty() ? "no modules" : String.join(" ", modules)));
    }

    private void mountUnlessMounted(Set<String> mounted, String source, String target, String type, String data,
                                    boolean required, List<String> done) throws InitException {
        if (mounted.contains(path(target))) {
            return;
        }
        if (mount(source, target, type, data, required)) {
            done.add(path(target));
        }
    }

    /** Mounts, creating the mount point; a failure is fatal when {@code required}, else reported. */
    private boolean mount(String source, String target, String type, String data, boolean required)
            throws InitException {
        String where = path(target);
        try {
            Files.createDirectories(root.resolve(target));
        } catch (IOException e) {
            return failed(required, "cannot create the mount point " + where + ": " + e.getMessage());
        }
        long rc = sys.mount(source, where, type, data);
        if (rc != 0) {
            return failed(required, "cannot mount " + type + " on " + where + ": " + Errno.name((int) -rc));
        }
        return true;
    }

    private boolean failed(boolean required, String what) throws InitException {
        if (required) {
            throw new InitException(what, "jkboot needs /proc, /sys and /dev (devtmpfs): use a Linux kernel with "
                    + "CONFIG_PROC_FS, CONFIG_SYSFS and CONFIG_DEVTMPFS, or mount them before starting jkboot");
        }
        log.accept(what + "; going on without it");
        return false;
    }

    /** The mount points in /proc/self/mounts (second field), or none when it cannot be read. */
    private Set<String> mountPoints() {
        Set<String> points = new HashSet<>();
        try {
            for (String line : Files.readString(root.resolve("proc/self/mounts"), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(" ");
                if (fields.length > 1) {
                    points.add(fields[1]);
                }
            }
        } catch (IOException e) {
            log.accept("cannot read " + path("proc/self/mounts") + " (" + e.getMessage()
                    + "); mounting everything again");
        }
        return points;
    }

    /** Loads every module in /lib/modules as /init does; one that fails is reported and skipped. */
    private List<String> loadModules() {
        Path dir = root.resolve(MODULES);
        List<String> loaded = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return loaded;
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(p -> p.getFileName().toString().endsWith(".ko")).sorted().toList();
        } catch (IOException e) {
            log.accept("cannot list " + dir + ": " + e.getMessage() + "; no modules loaded");
            return loaded;
        }
        boolean uefi = Files.isDirectory(root.resolve("sys/firmware/efi"));
        for (Path module : files) {
            String name = module.getFileName().toString();
            if (name.equals(EFIVARFS_MODULE) && !uefi) {
                continue;
            }
            long rc = sys.loadModule(module.toString());
            if (rc == 0 || rc == -Errno.EEXIST) {
                loaded.add(name);
            } else {
                log.accept("could not load " + module + ": " + Errno.name((int) -rc));
            }
        }
        return loaded;
    }

    private String path(String relative) {
        return root.resolve(relative).toString();
    }
}
