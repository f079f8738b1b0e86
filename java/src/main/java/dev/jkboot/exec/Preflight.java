package dev.jkboot.exec;

import dev.jkboot.host.Blocker;
import dev.jkboot.host.KexecReadiness;
import java.util.stream.Collectors;

/** Refuses, before any kernel is read, a host whose Linux will not kexec: every blocker at once. */
public final class Preflight {
    private Preflight() {}

    public static void check(KexecReadiness readiness) throws KexecException {
        if (readiness.ready()) {
            return;
        }
        String causes = readiness.blockers().stream().map(Blocker::cause).collect(Collectors.joining("; "));
        String fixes = readiness.blockers().stream().map(Blocker::wayOut).collect(Collectors.joining("; "));
        throw new KexecException("this Linux cannot kexec FreeBSD now: " + causes, fixes);
    }
}
