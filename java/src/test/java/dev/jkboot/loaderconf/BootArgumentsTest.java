package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.freebsd.Howto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootArgumentsTest {

    @Test
    void switchesNamesAndBareWords() {
        BootArguments args = BootArguments.parse(List.of("-s", "-vh", "bootdev=zfs:zroot", "boot_mute", "a=b=c"));
        assertEquals(Howto.RB_SINGLE | Howto.RB_VERBOSE | Howto.RB_SERIAL, args.howto().bits());
        assertEquals(Map.of("bootdev", "zfs:zroot", "boot_mute", "1", "a", "b=c"), args.environment());
    }

    @Test
    void capitalSSetsTheConsoleSpeedFromTheRestOfTheWord() {
        BootArguments args = BootArguments.parse("-sS9600");
        assertEquals(Howto.RB_SINGLE, args.howto().bits());
        assertEquals(Map.of("comconsole_speed", "9600"), args.environment());
    }

    @Test
    void aCommandLineSplitsOnBlanksTabsAndNewlines() {
        BootArguments args = BootArguments.parse("  -v\tx=1\n\ny ");
        assertEquals(Howto.RB_VERBOSE, args.howto().bits());
        assertEquals(Map.of("x", "1", "y", "1"), args.environment());
    }

    @Test
    void laterWordsOverrideAndEmptyNamesAreIgnored() {
        BootArguments args = BootArguments.parse(List.of("x=1", "x=2", "=3", ""));
        assertEquals(Map.of("x", "2"), args.environment());
        assertEquals(Howto.NONE, BootArguments.parse("").howto());
    }
}
