package dev.jkboot.kld;

import java.util.List;
import java.util.Optional;

/**
 * A module a file needs (an MDT_DEPEND record, sys/sys/module.h MODULE_DEPEND: struct mod_depend):
 * a name and the versions it accepts.
 */
public record ModuleDependency(String name, int minimum, int preferred, int maximum) {

    /**
     * The index of the version FreeBSD's loader takes among {@code candidates} (in the order it
     * walks them) for module {@code name} wanted with {@code wanted} versions, as module.c's
     * file_findmodule and mod_search_hints both choose: without a range the first of that name;
     * else the first at the preferred version, else the highest version in [minimum, maximum]
     * (the first of equals; versions of 0 or less never win that way). -1 when none qualifies.
     * An index, not a generic pick with a Function: its callers' lambdas each cost milliseconds
     * at start-up under emulation (issue 12).
     */
    public static int pick(String name, Optional<ModuleDependency> wanted, List<ModuleVersion> candidates) {
        int best = -1;
        int bestVersion = 0;
        for (int i = 0; i < candidates.size(); i++) {
            ModuleVersion v = candidates.get(i);
            if (!v.name().equals(name)) {
                continue;
            }
            if (wanted.isEmpty() || v.version() == wanted.get().preferred()) {
                return i;
            }
            ModuleDependency range = wanted.get();
            if (v.version() >= range.minimum() && v.version() <= range.maximum() && v.version() > bestVersion) {
                best = i;
                bestVersion = v.version();
            }
        }
        return best;
    }

    /**
     * "jkhelper (version 1 to 3, preferably 2)", for messages; a range whose minimum is above its
     * maximum admits only the preferred version (file_findmodule matches that first), and says so.
     */
    public String describe() {
        if (minimum > maximum) {
            return "%s (version %d only: the range %d to %d is empty)".formatted(name, preferred, minimum, maximum);
        }
        return minimum == maximum ? "%s (version %d)".formatted(name, minimum)
                : "%s (version %d to %d, preferably %d)".formatted(name, minimum, maximum, preferred);
    }
}
