package dev.jkboot.loaderconf;

/** One line of a loader.conf(5) file, as {@link ConfLineParser} classifies it. */
sealed interface ConfLine {

    /** A blank line or a comment. */
    record Ignored() implements ConfLine {}

    /** {@code <module>_<property>=value} with property load, name, type, flags, before, after or error. */
    record ModuleSetting(String module, String property, String value) implements ConfLine {}

    /** {@code exec="loader command"}. */
    record Exec(String command) implements ConfLine {}

    /** {@code name=value}: an environment variable, its value not yet expanded. */
    record Assignment(String name, String value) implements ConfLine {}

    /** Nothing matched, or something other than a comment follows the value. */
    record Malformed() implements ConfLine {}
}
