package dev.jkboot.freebsd;

import java.nio.file.Files;
import java.nio.file.Path;

/** The FreeBSD-shaped test kernel and modules, and the trampoline, that scripts/build assembles from native/. */
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

    /** The assembled trampoline blob, which jkboot carries as a generated class (native/trampoline/gen-java.sh). */
    public static Path trampolineBlob() {
        return built("resources/dev/jkboot/plan/trampoline-aarch64.bin");
    }

    /** The trampoline's layout, generated from its symbols. */
    public static Path trampolineSymbols() {
        return built("resources/dev/jkboot/plan/trampoline-aarch64.properties");
    }

    private static Path built(String relative) {
        Path p = Path.of(System.getProperty("jkboot.native.dir", "build/native"), relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run scripts/build (it builds native/ first)");
        }
        return p;
    }
}
