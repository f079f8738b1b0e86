package dev.jkboot;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine that scripts/setup and scripts/build provide (host tools such as dtc,
 * sgdisk and makefs, the Debian arm64 tree, the host build of the shim). Missing, it skips the test with the
 * reason on a developer's machine, and fails it where every prerequisite must be there: when the system
 * property {@code jkboot.requireTools} is {@code true} (scripts/test sets it) or {@code CI=true} (in the
 * environment or as a system property). A skipped test proves nothing, and CI would only have counted it.
 */
public final class RequiredTool {
    public static final String PROPERTY = "jkboot.requireTools";

    /** The Debian package of each program the tests run, for the message. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("dtc", "device-tree-compiler"),
            Map.entry("aarch64-linux-gnu-readelf", "binutils-aarch64-linux-gnu"),
            Map.entry("dmidecode", "dmidecode"),
            Map.entry("fdtoverlay", "device-tree-compiler"),
            Map.entry("sgdisk", "gdisk"),
            Map.entry("makefs", "makefs"),
            Map.entry("script", "bsdutils"),
            Map.entry("stty", "coreutils"),
            Map.entry("swtpm", "swtpm"),
            Map.entry("tpm2_pcrread", "tpm2-tools"),
            Map.entry("tpm2_eventlog", "tpm2-tools"));

    private RequiredTool() {}

    /** Whether a missing prerequisite fails the test instead of skipping it. */
    public static boolean strict() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY))
                || "true".equalsIgnoreCase(System.getProperty("CI"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A program on PATH (or in /usr/sbin, /sbin, where Debian puts sgdisk and makefs), if installed. */
    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The program's path; skips the test (fails it when {@link #strict()}) when it is not installed. */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        require(found.isPresent(), program + " is not installed (Debian package "
                + PACKAGES.getOrDefault(program, program) + "; scripts/setup installs it)");
        return found.orElseThrow();
    }

    /** Skips the test (fails it when {@link #strict()}) unless {@code present}; {@code missing} says what and how to get it. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (strict()) {
            fail(missing + " [a missing prerequisite fails this run (CI=true or -D" + PROPERTY
                    + "=true): a skipped test would prove nothing]");
        }
        Assumptions.abort(missing + "; skipped (CI and scripts/test fail instead)");
    }

    /**
     * Points {@link dev.jkboot.shim.ShimLibrary} at the x86-64 build of jkboot's shim for the tests that call it
     * for real; skips
     * (fails when {@link #strict()}) on another architecture or when the shim was not built.
     */
    public static void useHostShim() {
        require("amd64".equals(System.getProperty("os.arch")),
                "the host shim tests know x86-64's system call numbers only; this JVM is " + System.getProperty("os.arch"));
        Path dir = Path.of(System.getProperty("jkboot.native.dir", "build/native"), "shim", "x86_64");
        require(Files.isRegularFile(dir.resolve("libjkboot.so")),
                dir.resolve("libjkboot.so") + " is missing (scripts/build builds it)");
        System.setProperty(dev.jkboot.shim.ShimLibrary.DIR_PROPERTY, dir.toAbsolutePath().toString());
    }
}
