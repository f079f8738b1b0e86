package dev.jkboot.loaderconf;

import java.util.Locale;

/**
 * What loader.conf says about one module key {@code <key>_load/_name/_type/_flags}: empty strings
 * for properties never set. {@code load} is upper-cased as config.lua stores it.
 *
 * @param origin the line that set {@code load}, or the first line naming the key
 */
public record ModuleSettings(String key, String load, String name, String type, String flags, Origin origin) {

    static ModuleSettings named(String key, Origin origin) {
        return new ModuleSettings(key, "", "", "", "", origin);
    }

    /** FreeBSD loads a module whose {@code _load} is "yes" in any case, and no other. */
    public boolean enabled() {
        return load.equalsIgnoreCase("yes");
    }

    /** The file or module name to load: {@code _name} if set, else the key. */
    public String fileName() {
        return name.isEmpty() ? key : name;
    }

    ModuleSettings with(String property, String value, Origin where) {
        return switch (property) {
            case "load" -> new ModuleSettings(key, value.toUpperCase(Locale.ROOT), name, type, flags, where);
            case "name" -> new ModuleSettings(key, load, value, type, flags, origin);
            case "type" -> new ModuleSettings(key, load, name, value, flags, origin);
            case "flags" -> new ModuleSettings(key, load, name, type, value, origin);
            default -> throw new IllegalArgumentException("not a stored module property: " + property);
        };
    }
}
