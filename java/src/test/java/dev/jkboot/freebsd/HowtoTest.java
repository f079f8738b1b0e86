package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HowtoTest {

    /** Golden values from sys/sys/reboot.h, one per switch letter of subr_boot.c. */
    @ParameterizedTest(name = "-{0} sets {1}")
    @CsvSource({
        "a, 0x00000001",
        "s, 0x00000002",
        "r, 0x00000020",
        "d, 0x00000040",
        "v, 0x00000800",
        "h, 0x00001000",
        "C, 0x00002000",
        "g, 0x00008000",
        "m, 0x00010000",
        "p, 0x00100000",
        "P, 0x10000000",
        "D, 0x20000000",
    })
    void everySwitchLetterSetsItsBit(char letter, String hex) {
        assertEquals(Integer.parseUnsignedInt(hex.substring(2), 16), Howto.fromSwitches("-" + letter).bits());
    }

    /** Golden values: each boot_* boolean of subr_boot.c's howto_names and its bit. */
    @ParameterizedTest(name = "{0}=YES sets {1}")
    @CsvSource({
        "boot_askname,   0x00000001",
        "boot_single,    0x00000002",
        "boot_dfltroot,  0x00000020",
        "boot_ddb,       0x00000040",
        "boot_verbose,   0x00000800",
        "boot_serial,    0x00001000",
        "boot_cdrom,     0x00002000",
        "boot_gdb,       0x00008000",
        "boot_mute,      0x00010000",
        "boot_pause,     0x00100000",
        "boot_multicons, 0x20000000",
    })
    void everyEnvironmentBooleanSetsItsBit(String variable, String hex) {
        int bit = Integer.parseUnsignedInt(hex.substring(2), 16);
        assertEquals(bit, Howto.fromEnvironment(Map.of(variable, "YES")).bits());
        assertEquals(Optional.of(variable), Howto.environmentVariable(bit));
    }

    @Test
    void rbProbeHasNoEnvironmentVariable() {
        assertEquals(Optional.empty(), Howto.environmentVariable(Howto.RB_PROBE));
    }

    @Test
    void lettersCombineInOneWordAndUnknownLettersAreSkipped() {
        assertEquals(0x802, Howto.fromSwitches("-sv").bits());
        assertEquals(0x802, Howto.fromSwitches("-sxv").bits());
        assertEquals(0, Howto.fromSwitches("-").bits());
    }

    @Test
    void capitalSEndsTheWordBecauseTheRestIsASpeed() {
        assertEquals(Howto.RB_SINGLE, Howto.fromSwitches("-sS115200v").bits());
    }

    @Test
    void wordsWithoutADashSetNoBits() {
        assertEquals(0, Howto.fromSwitches("sv").bits());
        assertEquals(0, Howto.fromSwitches("boot_single=YES").bits());
    }

    @Test
    void anyValueButNoInAnyCaseSetsTheBit() {
        assertEquals(Howto.RB_SINGLE, Howto.fromEnvironment(Map.of("boot_single", "")).bits());
        assertEquals(Howto.RB_SINGLE, Howto.fromEnvironment(Map.of("boot_single", "0")).bits());
        assertEquals(Howto.RB_SINGLE, Howto.fromEnvironment(Map.of("boot_single", "false")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("boot_single", "no")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("boot_single", "No")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("boot_single", "NO")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("boot_single_x", "YES")).bits());
    }

    @Test
    void consoleSetsNoBitsAsUnderKboot() {
        assertEquals(0, Howto.fromEnvironment(Map.of("console", "comconsole")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("console", "nullconsole")).bits());
        assertEquals(0, Howto.fromEnvironment(Map.of("console", "comconsole,vidconsole")).bits());
        assertEquals(Howto.RB_SERIAL, Howto.fromEnvironment(Map.of("console", "comconsole", "boot_serial", "YES"))
                .bits());
        assertEquals(Optional.of("RB_SERIAL (set boot_serial=\"YES\" for it)"), Howto.consoleBitNotSet("comconsole"));
        assertEquals(Optional.of("RB_MUTE (set boot_mute=\"YES\" for it)"), Howto.consoleBitNotSet("nullconsole"));
        assertEquals(Optional.empty(), Howto.consoleBitNotSet("comconsole,vidconsole"));
        assertEquals(Optional.empty(), Howto.consoleBitNotSet(null));
    }

    @Test
    void bitArithmetic() {
        Howto h = Howto.NONE.with(Howto.RB_SINGLE).with(Howto.RB_VERBOSE);
        assertTrue(h.has(Howto.RB_SINGLE));
        assertFalse(h.without(Howto.RB_SINGLE).has(Howto.RB_SINGLE));
        assertEquals(0x1802, h.or(new Howto(Howto.RB_SERIAL)).bits());
    }

    @Test
    void printsHexAndNames() {
        assertEquals("0x802 (RB_SINGLE|RB_VERBOSE)", new Howto(0x802).toString());
        assertEquals("0x0", Howto.NONE.toString());
        assertEquals(List.of("RB_SERIAL", "RB_MULTIPLE"), new Howto(0x20001000).names());
    }
}
