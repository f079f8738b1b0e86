package dev.jkboot.mem;


/** Power-of-two alignment arithmetic on unsigned 64-bit values, and the sizes jkboot speaks in. */
public final class Align {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    /** The page size of the FreeBSD loader, of kexec segments and of the arm64 kernels we boot. */
    public static final long PAGE = 4 * KIB;

    private Align() {}

    /**
     * The smallest multiple of {@code alignment} at or above {@code value} (unsigned).
     *
     * @throws ArithmeticException when there is none below 2^64
     */
    public static long up(long value, long alignment) {
        checkPowerOfTwo(alignment);
        long up = (value + alignment - 1) & -alignment;
        if (Long.compareUnsigned(up, value) < 0) {
            throw new ArithmeticException("0x%x aligned up to 0x%x passes 2^64".formatted(value, alignment));
        }
        return up;
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
        // One decimal, rounded half up as %.1f would (bytes / unit is exact: unit is a power of two),
        // and a point whatever the locale; not String.format, whose first use costs start-up.
        long tenths = Math.round(bytes * 10.0 / unit);
        return tenths / 10 + "." + tenths % 10 + " " + units[u];
    }

    private static void checkPowerOfTwo(long alignment) {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
    }
}
