package dev.jkboot.verify;

import java.util.Locale;

/**
 * How strictly the files of a boot are verified; a policy only ever raises it.
 * {@code OFF} is today's boot, {@code REQUIRE} is FreeBSD's loader with trust anchors (kernel,
 * modules and raw files must have a manifest entry), {@code STRICT} is its {@code loader.ve.strict}
 * (every file but *.conf and *.hints must).
 */
public enum VerifyLevel {
    OFF, REQUIRE, STRICT;

    /** The word on a command line or in the image's policy file. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws VerifyException for anything but "require" and "strict": no word lowers a policy
     */
    static VerifyLevel parse(String word, String where) throws VerifyException {
        return switch (word.strip()) {
            case "require" -> REQUIRE;
            case "strict" -> STRICT;
            default -> throw new VerifyException("%s: '%s' is not a verification level".formatted(where, word.strip()),
                    "use 'require' or 'strict'; verification cannot be turned off where the image or a command "
                            + "line asks for it");
        };
    }

    VerifyLevel atLeast(VerifyLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The least severity that must have a manifest entry at this level. */
    Severity mustHaveEntry() {
        return this == STRICT ? Severity.WANT : Severity.MUST;
    }
}
