package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RootMountTest {

    @Test
    void theRootLineGivesTypeColonDeviceAndOptions() {
        String fstab = """
                # Device        Mountpoint      FStype  Options Dump    Pass#
                /dev/gpt/efiesp /boot/efi       msdosfs rw      2       2
                /dev/vtbd0p2    /               ufs     rw,noatime 1    1
                /dev/vtbd0p3    none            swap    sw      0       0
                """;
        assertEquals(Optional.of(new RootMount("ufs:/dev/vtbd0p2", "rw,noatime")), RootMount.fromFstab(fstab));
    }

    @Test
    void theFirstRootLineWins() {
        assertEquals("ufs:/dev/a", RootMount.fromFstab("/dev/a / ufs rw\n/dev/b / ufs rw\n").orElseThrow().mountFrom());
    }

    @Test
    void fieldsNeedNoMoreThanTheOptionsAndMayBeTabSeparated() {
        assertEquals(Optional.of(new RootMount("zfs:zroot/ROOT/default", "rw")),
                RootMount.fromFstab("zroot/ROOT/default\t/\tzfs\trw\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "# /dev/a / ufs rw 1 1",
        "/dev/a /usr ufs rw 1 1",      // not the root
        "/dev/a /boot ufs rw 1 1",
        "/dev/a",                      // only a device
        "/dev/a /",                    // no type
        "/dev/a / ufs",                // no options: FreeBSD skips the line
        "/dev/a / ufs   ",
        " /dev/a / ufs rw",            // a leading blank makes the device empty and the mount point '/dev/a'
    })
    void linesThatAreNotUsableRootLines(String line) {
        assertEquals(Optional.empty(), RootMount.fromFstab(line + "\n"));
    }
}
