package dev.jkboot;

/** Process exit statuses, one per stage, so scripts can tell failures apart. */
public final class ExitStatus {
    public static final int OK = 0;
    /** An unexpected internal failure (a bug in jkboot). */
    public static final int INTERNAL = 1;
    /** Bad command-line usage (2, as getopt-style tools exit). */
    public static final int USAGE = 2;
    /** The host could not be read or described. */
    public static final int HOST = 3;
    /** An input file (kernel, module, DTB, config) is malformed or unsuitable. */
    public static final int INPUT = 4;
    /** No valid physical layout exists for this boot on this host. */
    public static final int PLAN = 5;
    /** The running Linux refused or failed the kexec. */
    public static final int KEXEC = 6;

    private ExitStatus() {}
}
