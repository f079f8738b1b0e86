package dev.jkboot.loaderconf;

import dev.jkboot.freebsd.Howto;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boot command-line words as FreeBSD reads them (sys/kern/subr_boot.c {@code boot_parse_arg}):
 * a word starting with '-' is a set of switch letters ({@link Howto#fromSwitches}), where
 * {@code -S<speed>} sets {@code comconsole_speed}; {@code name=value} sets a variable and a bare
 * word sets it to "1". Used for {@code kernel_options} and for kboot-style command-line words.
 */
public record BootArguments(Howto howto, Map<String, String> environment) {
    public BootArguments {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** Splits on blanks, tabs and newlines like {@code boot_parse_cmdline}. */
    public static BootArguments parse(String commandLine) {
        return parse(List.of(commandLine.split("[ \t\n]+")));
    }

    public static BootArguments parse(List<String> words) {
        Howto howto = Howto.NONE;
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("-")) {
                howto = howto.or(Howto.fromSwitches(word));
                int speed = word.indexOf('S');
                if (speed > 0) {
                    env.put("comconsole_speed", word.substring(speed + 1));
                }
                continue;
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (!name.isEmpty()) {
                env.put(name, eq < 0 ? "1" : word.substring(eq + 1));
            }
        }
        return new BootArguments(howto, env);
    }
}
