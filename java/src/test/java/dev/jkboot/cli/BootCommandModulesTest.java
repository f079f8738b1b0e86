package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.freebsd.NativeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jkboot boot --module` gets FreeBSD's dependency resolution; `--no-deps` turns it off. */
class BootCommandModulesTest {
    @TempDir
    Path dir;

    private CliRun boot(String... extra) throws Exception {
        Files.copy(NativeFixtures.testKernel(), dir.resolve("kernel"));
        Files.copy(NativeFixtures.kmod("jkmain"), dir.resolve("jkmain.ko"));
        Files.copy(NativeFixtures.kmod("jkhelper_impl"), dir.resolve("jkhelper.ko"));
        String[] base = {"boot", "--host-root", CliRun.hostFixture("direct-2g"), "--kernel", dir.resolve("kernel").toString(),
                "--module", dir.resolve("jkmain.ko").toString(), "--dry-run"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aDependencyNextToTheModuleIsLoadedAfterIt() throws Exception {
        CliRun r = boot();
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("\nloading required module 'jkhelper'\n" + dir + "/jkhelper.ko text=0x"), r.err());
        int main = fileLine(r.out(), dir + "/jkmain.ko");
        int helper = fileLine(r.out(), dir + "/jkhelper.ko");
        assertTrue(main > 0 && helper > main, r.out());
    }

    @Test
    void noDepsLoadsOnlyTheModulesGiven() throws Exception {
        CliRun r = boot("--no-deps");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("jkhelper.ko"), r.out());
        assertFalse(r.err().contains("loading required module"), r.err());
    }

    @Test
    void aModulePathWithoutTheDependencyIsAnInputErrorAndNothingIsPlanned() throws Exception {
        CliRun r = boot("module_path=/nonexistent");
        assertEquals(ExitStatus.INPUT, r.status(), r.err());
        assertTrue(r.err().contains("jkboot: error: missing module dependency: " + dir + "/jkmain.ko -> jkhelper; "
                + "no file in module_path (/nonexistent) provides jkhelper (version 1 to 3, preferably 2)"), r.err());
        assertEquals("", r.out());
    }

    /** Where the plan's file list shows {@code path} as an ELF module, or -1. */
    private static int fileLine(String plan, String path) {
        Matcher m = Pattern.compile("(?m)^  elf module +VA 0x[0-9a-f]+ PA 0x[0-9a-f]+ size [0-9]+  "
                + Pattern.quote(path) + "$").matcher(plan);
        return m.find() ? m.start() : -1;
    }
}
