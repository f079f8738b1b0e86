package dev.jkboot.verify;

/**
 * How much a file must be verified, as FreeBSD's loader asks (lib/libsecureboot/h/verify_file.h):
 * a kernel, a module or a raw file {@code MUST} (stand/common/load_elf.c, module.c file_loadraw),
 * a configuration file is guessed from its name (verify_file.c severity_guess).
 */
public enum Severity {
    /** Accepted unverified when the manifests have no entry for it (*.conf, *.hints). */
    TRY,
    /** Accepted without an entry, unless the policy is strict. */
    WANT,
    /** Refused without an entry. */
    MUST;

    /**
     * FreeBSD's severity_guess: configuration files may be unsigned, scripts must be signed, the
     * rest is wanted.
     */
    public static Severity guess(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot);
        return switch (extension) {
            case ".conf", ".cookie", ".hints", ".tgz" -> TRY;
            case ".4th", ".lua", ".rc" -> MUST;
            default -> WANT;
        };
    }
}
