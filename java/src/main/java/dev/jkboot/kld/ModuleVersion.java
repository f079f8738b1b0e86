package dev.jkboot.kld;

/**
 * A module a file provides (an MDT_VERSION record, sys/sys/module.h MODULE_VERSION): a name and a version.
 * equals and hashCode are written out: a record's generated ones link through java.lang.runtime.ObjectMethods
 * at their first call, which under emulation costs a few hundred milliseconds of every boot that loads a module
 * (docs/measurements.md, "start-up").
 */
public record ModuleVersion(String name, int version) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleVersion m && m.version == version && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return name + "." + version;
    }
}
