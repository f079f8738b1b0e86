package dev.jkboot.loaderconf;

/**
 * How much of the FreeBSD tree the configuration may make jkboot read. The tree belongs to whoever
 * controls the FreeBSD disk, so nothing it holds may exhaust the loader's memory or time; each
 * limit is many times what a real system uses, and hitting one is reported as a
 * {@link ConfigProblem} ("file:line: why") and skipped, like any line jkboot cannot use.
 */
public final class ConfLimits {
    /**
     * Bytes of one configuration file (loader.conf, a drop-in, /etc/fstab): FreeBSD 14's
     * /boot/defaults/loader.conf is about 40 KiB, the largest file a stock system reads.
     */
    public static final long FILE_BYTES = 1 << 20;
    /** Bytes of all configuration files together. */
    public static final long TOTAL_BYTES = 8 << 20;
    /** Configuration files read in all. */
    public static final int FILES = 256;
    /**
     * Bytes of one line, and of a value after {@code $variable} expansion: FreeBSD's kernel keeps
     * environment values of at most 128 bytes (KENV_MVALLEN), so longer ones cannot be useful.
     */
    public static final int LINE_BYTES = 8192;
    /**
     * Distinct variables: FreeBSD's kernel keeps at most 512 environment strings (KENV_SIZE); a stock
     * defaults file sets about 400 loader variables, most of them {@code *_load="NO"}.
     */
    public static final int VARIABLES = 4096;
    /** Files chained through {@code loader_conf_files}, counting the defaults file: stock systems use 2. */
    public static final int DEPTH = 16;
    /** Entries of a directory listed for its {@code *.conf} files ({@code loader_conf_dirs}) or kernels. */
    public static final int DIRECTORY_ENTRIES = 1024;
    /** Problems reported one by one; more are counted in one last problem. */
    public static final int PROBLEMS = 100;

    private ConfLimits() {}
}
