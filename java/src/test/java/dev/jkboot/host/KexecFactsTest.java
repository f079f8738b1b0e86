package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KexecFactsTest {
    static final String ROOT_STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tR (running)
            Uid:\t0\t0\t0\t0
            Gid:\t0\t0\t0\t0
            CapInh:\t0000000000000000
            CapPrm:\t000001ffffffffff
            CapEff:\t000001ffffffffff
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            none            | [none] integrity confidentiality | NONE
            integrity       | none [integrity] confidentiality | INTEGRITY
            confidentiality | none integrity [confidentiality] | CONFIDENTIALITY
            only level      | [none]                           | NONE
            """)
    void readsTheBracketedLockdownLevel(String name, String text, LockdownMode expected)
            throws HostException {
        assertEquals(expected, LockdownMode.parse(text + "\n", "lockdown"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no bracket  | none integrity confidentiality     | lockdown: "none integrity confidentiality" brackets no level as active
            two         | [none] [integrity] confidentiality | lockdown: "[none] [integrity] confidentiality" brackets more than one level
            unknown     | none [paranoid]                    | lockdown: "paranoid" is not a lockdown level (in "none [paranoid]")
            empty       | ''                                 | lockdown: "" is not a lockdown level (in "")
            half        | none [integrity                    | lockdown: "[integrity" is not a lockdown level (in "none [integrity")
            """)
    void lockdownJunkIsATypedError(String name, String text, String expected) {
        assertEquals(expected, assertThrows(HostException.class,
                () -> LockdownMode.parse(text, "lockdown")).getMessage());
    }

    @Test
    void rootHasCapSysBoot() throws HostException {
        Credentials c = Credentials.parse(ROOT_STATUS, "status");
        assertEquals(new Credentials(0, 0x1ff_ffff_ffffL), c);
        assertTrue(c.isRoot());
        assertTrue(c.hasCapSysBoot());
    }

    @Test
    void capSysBootIsBit22() throws HostException {
        Credentials without = Credentials.parse("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000bfffff\n", "s");
        assertFalse(without.isRoot());
        assertFalse(without.hasCapSysBoot());
        Credentials with = Credentials.parse("Uid:\t1000\t1001\t1000\t1000\nCapEff:\t0000000000400000\n", "s");
        assertEquals(1001, with.effectiveUid());
        assertTrue(with.hasCapSysBoot());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad uid     | Uid:\\troot\\t0\\t0\\t0\\nCapEff:\\t0      | status: line 1: "Uid:\troot\t0\t0\t0" is not Uid: REAL EFFECTIVE SAVED FS
            bad caps    | Uid:\\t0\\t0\\t0\\t0\\nCapEff:\\txyz      | status: line 2: "CapEff:\txyz" is not CapEff: HEXMASK
            no caps     | Uid:\\t0\\t0\\t0\\t0                      | status: has no CapEff: line
            no uid      | CapEff:\\t0                               | status: has no Uid: line
            """)
    void statusJunkIsATypedError(String name, String text, String expected) {
        String t = text.replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(expected.replace("\\t", "\t"), assertThrows(HostException.class,
                () -> Credentials.parse(t, "status")).getMessage());
    }

    @Test
    void loadDisabledIsZeroOrOne(@TempDir Path dir) throws HostException {
        HostTree tree = new HostTree(dir).text(KexecFacts.LOAD_DISABLED, "1\n");
        assertTrue(KexecFacts.readLoadDisabled(tree.root()));
        tree.text(KexecFacts.LOAD_DISABLED, "0\n");
        assertFalse(KexecFacts.readLoadDisabled(tree.root()));
        tree.text(KexecFacts.LOAD_DISABLED, "yes\n");
        assertEquals(dir.resolve("proc/sys/kernel/kexec_load_disabled") + ": \"yes\" is neither 0 nor 1",
                assertThrows(HostException.class, () -> KexecFacts.readLoadDisabled(tree.root()))
                        .getMessage());
    }

    @Test
    void kexecSupportIsTheKexecLoadedFile(@TempDir Path dir) throws HostException {
        HostTree tree = new HostTree(dir);
        HostException e = assertThrows(HostException.class,
                () -> KexecFacts.readKernelSupport(tree.root()));
        assertEquals("does not exist: sysfs is not mounted", e.reason());
        tree.directory("/sys/kernel");
        assertFalse(KexecFacts.readKernelSupport(tree.root()));
        tree.text(KexecFacts.KEXEC_LOADED, "0\n");
        assertTrue(KexecFacts.readKernelSupport(tree.root()));
    }

    @Test
    void architectureFromProcNeverFromTheJvmForAnotherRoot(@TempDir Path dir) throws HostException {
        HostTree tree = new HostTree(dir);
        HostException e = assertThrows(HostException.class,
                () -> Architecture.read(tree.root(), "aarch64"));
        assertTrue(e.reason().startsWith("does not exist, and the JVM's os.arch"), e.reason());
        tree.text(Architecture.PATH, "aarch64\n");
        Architecture a = Architecture.read(tree.root(), "amd64");
        assertEquals("aarch64", a.name());
        assertTrue(a.isAarch64());
        tree.text(Architecture.PATH, "ARM 64\n");
        assertEquals("\"ARM 64\" is not a machine name",
                assertThrows(HostException.class, () -> Architecture.read(tree.root(), "x")).reason());
    }
}
