package dev.jkboot.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's {@code boothowto} word (MODINFOMD_HOWTO), with the two ways FreeBSD's loader fills
 * it: switch letters such as {@code -sv} (sys/kern/subr_boot.c {@code boot_parse_arg}) and the
 * {@code boot_*} environment booleans (stand/efi/loader/bootinfo.c {@code bi_getboothowto}, as
 * kboot runs it). Bit values are sys/sys/reboot.h's.
 */
public record Howto(int bits) {
    public static final int RB_ASKNAME = 0x1;
    public static final int RB_SINGLE = 0x2;
    public static final int RB_DFLTROOT = 0x20;
    public static final int RB_KDB = 0x40;
    public static final int RB_VERBOSE = 0x800;
    public static final int RB_SERIAL = 0x1000;
    public static final int RB_CDROM = 0x2000;
    public static final int RB_GDB = 0x8000;
    public static final int RB_MUTE = 0x10000;
    public static final int RB_PAUSE = 0x100000;
    public static final int RB_PROBE = 0x10000000;
    public static final int RB_MULTIPLE = 0x20000000;

    public static final Howto NONE = new Howto(0);

    /** One switch letter and the bit it sets; -S is not here because it sets comconsole_speed. */
    private record Switch(char letter, int bit, String name) {}

    private static final List<Switch> SWITCHES = List.of(
            new Switch('a', RB_ASKNAME, "RB_ASKNAME"),
            new Switch('C', RB_CDROM, "RB_CDROM"),
            new Switch('d', RB_KDB, "RB_KDB"),
            new Switch('D', RB_MULTIPLE, "RB_MULTIPLE"),
            new Switch('g', RB_GDB, "RB_GDB"),
            new Switch('h', RB_SERIAL, "RB_SERIAL"),
            new Switch('m', RB_MUTE, "RB_MUTE"),
            new Switch('p', RB_PAUSE, "RB_PAUSE"),
            new Switch('P', RB_PROBE, "RB_PROBE"),
            new Switch('r', RB_DFLTROOT, "RB_DFLTROOT"),
            new Switch('s', RB_SINGLE, "RB_SINGLE"),
            new Switch('v', RB_VERBOSE, "RB_VERBOSE"));

    /** The environment booleans, in subr_boot.c's {@code howto_names} order. RB_PROBE has none. */
    private static final Map<String, Integer> ENV_BOOLEANS = Map.ofEntries(
            Map.entry("boot_askname", RB_ASKNAME),
            Map.entry("boot_cdrom", RB_CDROM),
            Map.entry("boot_ddb", RB_KDB),
            Map.entry("boot_dfltroot", RB_DFLTROOT),
            Map.entry("boot_gdb", RB_GDB),
            Map.entry("boot_multicons", RB_MULTIPLE),
            Map.entry("boot_mute", RB_MUTE),
            Map.entry("boot_pause", RB_PAUSE),
            Map.entry("boot_serial", RB_SERIAL),
            Map.entry("boot_single", RB_SINGLE),
            Map.entry("boot_verbose", RB_VERBOSE));

    /**
     * The bits of one command-line word as {@code boot_parse_arg} reads it: a word starting with
     * '-' sets a bit per known letter and ignores unknown ones; {@code S} ends the word (the rest is
     * a console speed, which is environment, not howto). Any other word sets no bit.
     */
    public static Howto fromSwitches(String word) {
        if (!word.startsWith("-")) {
            return NONE;
        }
        int bits = 0;
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == 'S') {
                break;
            }
            for (Switch s : SWITCHES) {
                if (s.letter() == c) {
                    bits |= s.bit();
                }
            }
        }
        return new Howto(bits);
    }

    /**
     * The bits the environment asks for: every {@code boot_*} boolean that is set to anything other
     * than "no" (any case). {@code console} sets none: efi/loader/bootinfo.c's
     * {@code bi_getboothowto}, which kboot shares, adds RB_SERIAL for "comconsole" and RB_MUTE for
     * "nullconsole", but kboot has one console, "host" (kboot/hostcons.c), and console.c's
     * {@code cons_set} refuses a value naming no console it has, so under kboot the variable never
     * holds either word.
     */
    public static Howto fromEnvironment(Map<String, String> env) {
        int bits = 0;
        for (Map.Entry<String, Integer> e : ENV_BOOLEANS.entrySet()) {
            if (isTrue(env.get(e.getKey()))) {
                bits |= e.getValue();
            }
        }
        return new Howto(bits);
    }

    /**
     * The bit FreeBSD's own EFI loader would set for this {@code console} value and kboot does
     * not (see {@link #fromEnvironment}), with the boolean that sets it instead; empty for others.
     */
    public static Optional<String> consoleBitNotSet(String console) {
        if ("comconsole".equals(console)) {
            return Optional.of("RB_SERIAL (set boot_serial=\"YES\" for it)");
        }
        if ("nullconsole".equals(console)) {
            return Optional.of("RB_MUTE (set boot_mute=\"YES\" for it)");
        }
        return Optional.empty();
    }

    /** The {@code boot_*} variable that carries {@code bit}, or empty if none does (RB_PROBE). */
    public static Optional<String> environmentVariable(int bit) {
        // A loop, not a stream: autoboot's menu path runs this per bit, and streams cost milliseconds
        // at start-up under emulation (issue 12).
        for (Map.Entry<String, Integer> e : ENV_BOOLEANS.entrySet()) {
            if (e.getValue() == bit) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether an environment boolean with this value counts as set: present and not "no". */
    public static boolean isTrue(String value) {
        return value != null && !value.toLowerCase(Locale.ROOT).equals("no");
    }

    public boolean has(int bit) {
        return (bits & bit) == bit;
    }

    public Howto with(int bit) {
        return new Howto(bits | bit);
    }

    public Howto without(int bit) {
        return new Howto(bits & ~bit);
    }

    public Howto or(Howto other) {
        return new Howto(bits | other.bits);
    }

    /** The names of the set bits that switches or booleans can set, e.g. [RB_SINGLE, RB_VERBOSE]. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        SWITCHES.stream()
                .sorted((x, y) -> Integer.compareUnsigned(x.bit(), y.bit()))
                .filter(s -> has(s.bit()))
                .forEach(s -> names.add(s.name()));
        return names;
    }

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(bits) + (bits == 0 ? "" : " (" + String.join("|", names()) + ")");
    }
}
