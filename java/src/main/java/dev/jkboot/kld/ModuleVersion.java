package dev.jkboot.kld;

/** A module a file provides (an MDT_VERSION record, sys/sys/module.h MODULE_VERSION): a name and a version. */
public record ModuleVersion(String name, int version) {
    @Override
    public String toString() {
        return name + "." + version;
    }
}
