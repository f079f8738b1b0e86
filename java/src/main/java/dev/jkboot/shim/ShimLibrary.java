package dev.jkboot.shim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * jkboot's C shim, {@code libjkboot.so} (native/shim), loaded over JNI from the installation's
 * native directory: the launcher names it with {@code -Djkboot.shim.dir}. Loaded once, when the
 * first native call is needed (getrandom, a raw file's mapping, kexec; a dry run of a kernel alone
 * never loads it), and never unpacked or copied anywhere. Before
 * {@link System#load} the file's ELF header is checked, so a missing file or one built for another
 * machine is one clear message instead of a linker error.
 */
public final class ShimLibrary {
    /** The system property naming the directory that holds {@link #FILE}. */
    public static final String DIR_PROPERTY = "jkboot.shim.dir";
    public static final String FILE = "libjkboot.so";

    /** ELF e_machine values (elf.h) of the two targets the shim is built for. */
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;

    private static final String LAUNCHER = "run jkboot through its launcher (bin/jkboot), which passes -D"
            + DIR_PROPERTY + "=<the installation's native directory>";

    private static boolean loaded;

    private ShimLibrary() {}

    /** The shim could not be loaded; the caller reports it as its own stage's error. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String fix;

        Unavailable(String message, String fix) {
            super(message);
            this.fix = fix;
        }

        public String fix() {
            return fix;
        }
    }

    /** Loads the shim named by {@link #DIR_PROPERTY} for this JVM's architecture, once per process. */
    public static synchronized void load() throws Unavailable {
        if (loaded) {
            return;
        }
        Path file = locate(System.getProperty(DIR_PROPERTY));
        check(file, System.getProperty("os.arch"));
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new Unavailable("cannot load jkboot's native shim " + file + ": " + e.getMessage(),
                    "rebuild it with scripts/build (make -C native) and install that build");
        }
        loaded = true;
    }

    /** The absolute path of the shim in {@code dir} (the property's value, null when unset). */
    static Path locate(String dir) throws Unavailable {
        if (dir == null || dir.isEmpty()) {
            throw new Unavailable("jkboot's native shim " + FILE + " cannot be found: the system property "
                    + DIR_PROPERTY + " is not set", LAUNCHER);
        }
        return Path.of(dir, FILE).toAbsolutePath();
    }

    /**
     * Refuses a file that is missing, not a 64-bit little-endian ELF shared object, or built for
     * another machine than {@code osArch} (Java's {@code os.arch}: {@code aarch64}, {@code amd64}).
     */
    static void check(Path file, String osArch) throws Unavailable {
        byte[] header = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new Unavailable("jkboot's native shim " + file + " cannot be read: " + e.getMessage(),
                    LAUNCHER + "; rebuild with scripts/build if the file is missing");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        // e_ident: \177ELF, EI_CLASS 2 (64-bit), EI_DATA 1 (little-endian); e_type 3 (ET_DYN) at 16.
        if (n < header.length || h.getInt(0) != 0x464c457f || header[4] != 2 || header[5] != 1 || h.getShort(16) != 3) {
            throw new Unavailable("jkboot's native shim " + file + " is not a 64-bit little-endian ELF shared object",
                    "rebuild it with scripts/build (make -C native) and install that build");
        }
        int machine = Short.toUnsignedInt(h.getShort(18));
        int wanted = machineOf(osArch);
        if (machine != wanted) {
            throw new Unavailable("jkboot's native shim " + file + " is built for " + machineName(machine)
                    + ", but this Java runs on " + osArch,
                    "install the jkboot build made for this machine (scripts/build puts the aarch64 shim in "
                            + "build/native/shim/aarch64/, the x86-64 one in build/native/shim/x86_64/)");
        }
    }

    private static int machineOf(String osArch) {
        return switch (osArch) {
            case "aarch64" -> EM_AARCH64;
            case "amd64", "x86_64" -> EM_X86_64;
            default -> -1;
        };
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case EM_AARCH64 -> "aarch64";
            case EM_X86_64 -> "x86-64";
            default -> "ELF machine " + machine;
        };
    }
}
