package dev.jkboot.exec;

/** The Linux errno values jkboot explains (identical on aarch64 and x86-64). */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENOEXEC = 8;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int EADDRNOTAVAIL = 99;

    private Errno() {}

    static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case ENOEXEC -> "ENOEXEC";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL";
            default -> "errno " + errno;
        };
    }
}
