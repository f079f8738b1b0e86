package dev.jkboot.kld;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A module a file needs (an MDT_DEPEND record, sys/sys/module.h MODULE_DEPEND: struct mod_depend):
 * a name and the versions it accepts.
 */
public record ModuleDependency(String name, int minimum, int preferred, int maximum) {

    /**
     * The candidate FreeBSD's loader takes among {@code candidates} (in the order it walks them)
     * for module {@code name} wanted with {@code wanted} versions, as module.c's file_findmodule
     * and mod_search_hints both choose: without a range the first of that name; else the first
     * at the preferred version, else the highest version in [minimum, maximum] (the first of
     * equals; versions of 0 or less never win that way).
     */
    public static <T> Optional<T> pick(String name, Optional<ModuleDependency> wanted, List<T> candidates,
                                       Function<T, ModuleVersion> version) {
        T best = null;
        int bestVersion = 0;
        for (T candidate : candidates) {
            ModuleVersion v = version.apply(candidate);
            if (!v.name().equals(name)) {
                continue;
            }
            if (wanted.isEmpty() || v.version() == wanted.get().preferred()) {
                return Optional.of(candidate);
            }
            ModuleDependency range = wanted.get();
            if (v.version() >= range.minimum() && v.version() <= range.maximum() && v.version() > bestVersion) {
                best = candidate;
                bestVersion = v.version();
            }
        }
        return Optional.ofNullable(best);
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
