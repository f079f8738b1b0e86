package dev.jkboot.freebsd;

import java.nio.file.Files;
import java.nio.file.Path;

/** The FreeBSD-shaped test kernel and modules that scripts/build assembles from native/testkernel. */
public final class NativeFixtures {
    private NativeFixtures() {}

    public static Path testKernel() {
        return built("testkernel/kernel");
    }

    public static Path testModule() {
        return built("testkernel/testmod.ko");
    }

    /** One of the modules with dependency metadata in native/testkernel/kmods, e.g. "jkmain". */
    public static Path kmod(String name) {
        return built("testkernel/kmods/" + name + ".ko");
    }

    private static Path built(String relative) {
        Path p = Path.of(System.getProperty("jkboot.native.dir", "build/native"), relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build (it builds native/ first)");
        }
        return p;
    }
}
