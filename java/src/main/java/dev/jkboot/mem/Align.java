package dev.jkboot.mem;

/** Power-of-two alignment arithmetic and the sizes jkboot speaks in. */
public final class Align {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    /** The page size of the FreeBSD loader, of kexec segments and of the arm64 kernels we boot. */
    public static final long PAGE = 4 * KIB;

    private Align() {}

    public static long up(long value, long alignment) {
        checkPowerOfTwo(alignment);
        return (value + alignment - 1) & -alignment;
    }

    public static long down(long value, long alignment) {
        checkPowerOfTwo(alignment);
        return value & -alignment;
    }

    public static boolean isAligned(long value, long alignment) {
        checkPowerOfTwo(alignment);
        return (value & (alignment - 1)) == 0;
    }

    /** A byte count as people read it: "64 MiB", "1.5 GiB", "4096 B" (exact below 4 KiB). */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long unit = 1;
        while (u < units.length - 1 && bytes >= 4 * unit * 1024) {
            unit *= 1024;
            u++;
        }
        if (bytes % unit == 0) {
            return bytes / unit + " " + units[u];
        }
        return "%.1f %s".formatted((double) bytes / unit, units[u]);
    }

    private static void checkPowerOfTwo(long alignment) {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
    }
}
