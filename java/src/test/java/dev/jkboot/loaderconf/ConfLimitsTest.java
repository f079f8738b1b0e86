package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken tree may make jkboot read is bounded; each limit is reported as a
 * problem with file and line, and what lies within the limits is still read.
 */
class ConfLimitsTest {
    private static final String DEFAULTS = "/boot/defaults/loader.conf";

    private static ParsedConfig read(MemoryBootFiles files) throws LoaderConfException {
        return LoaderConfReader.read(files, Map.of());
    }

    private static List<String> problems(ParsedConfig c) {
        return c.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aFileTooLargeIsSkippedBeforeItIsRead() throws Exception {
        ParsedConfig c = read(new MemoryBootFiles()
                .file(DEFAULTS, "loader_conf_files=\"/boot/loader.conf /boot/big.conf\"\nkernel=\"kernel\"\n")
                .file("/boot/loader.conf", "a=\"1\"\n")
                .file("/boot/big.conf", "b=\"2\"\n" + "#".repeat((int) ConfLimits.FILE_BYTES)));
        assertEquals("1", c.environment().get("a"));
        assertFalse(c.environment().containsKey("b"));
        assertEquals(List.of("/boot/big.conf: is 1048582 bytes, more than the 1048576 jkboot reads from one "
                + "configuration file; skipped"), problems(c));
    }

    @Test
    void allFilesTogetherAreBounded() throws Exception {
        MemoryBootFiles files = new MemoryBootFiles();
        StringBuilder chain = new StringBuilder();
        String filler = ("#".repeat(99) + "\n").repeat((int) ConfLimits.FILE_BYTES / 100 - 1);
        for (int i = 0; i < 10; i++) {
            chain.append(" /boot/c").append(i).append(".conf");
            files.file("/boot/c" + i + ".conf", "v" + i + "=\"x\"\n" + filler);
        }
        ParsedConfig c = read(files.file(DEFAULTS, "loader_conf_files=\"" + chain + "\"\n"));
        assertTrue(c.environment().containsKey("v0") && c.environment().containsKey("v6"));
        assertFalse(c.environment().containsKey("v8"));
        assertEquals(2, c.problems().size(), problems(c).toString());
        assertEquals("/boot/c8.conf: is 1048407 bytes, more than the 1191 left of the 8388608 jkboot reads from all "
                + "configuration files together; skipped", problems(c).get(0));
    }

    @Test
    void aLongLineIsSkippedAndTheNextOneCounts() throws Exception {
        ParsedConfig c = read(new MemoryBootFiles().file(DEFAULTS,
                "long=\"" + "x".repeat(ConfLimits.LINE_BYTES) + "\"\nshort=\"ok\"\n"));
        assertEquals("ok", c.environment().get("short"));
        assertFalse(c.environment().containsKey("long"));
        assertEquals(List.of(DEFAULTS + ":1: line of 8199 characters, longer than the 8192 jkboot reads; skipped"),
                problems(c));
    }

    @Test
    void valuesCannotGrowPastTheLineLimitByExpansion() throws Exception {
        StringBuilder conf = new StringBuilder("a=\"" + "x".repeat(1000) + "\"\n");
        for (int i = 0; i < 40; i++) {
            conf.append("a=\"$a$a\"\n");
        }
        ParsedConfig c = read(new MemoryBootFiles().file(DEFAULTS, conf.toString()));
        assertEquals(8000, c.environment().get("a").length());
        assertTrue(problems(c).get(0).startsWith(DEFAULTS + ":5: cannot set a: the value would be longer than 8192 "
                + "characters"), problems(c).toString());
    }

    @Test
    void theNumberOfVariablesIsBoundedButExistingOnesMayChange() throws Exception {
        StringBuilder conf = new StringBuilder();
        for (int i = 0; i < ConfLimits.VARIABLES + 5; i++) {
            conf.append("v").append(i).append("=\"").append(i).append("\"\n");
        }
        conf.append("v0=\"changed\"\n");
        ParsedConfig c = read(new MemoryBootFiles().file(DEFAULTS, conf.toString()));
        assertEquals(ConfLimits.VARIABLES, c.environment().size());
        assertEquals("changed", c.environment().get("v0"));
        assertEquals(DEFAULTS + ":4097: v4096 would be variable number 4097, more than the 4096 jkboot keeps (FreeBSD's "
                + "kernel keeps 512); skipped", problems(c).get(0));
        assertEquals(5, c.problems().size());
    }

    @Test
    void chainsOfEverNewFilesEndAtTheDepthLimit() throws Exception {
        MemoryBootFiles files = new MemoryBootFiles().file(DEFAULTS, "loader_conf_files=\"/c1\"\n");
        for (int i = 1; i < 40; i++) {
            files.file("/c" + i, "depth" + i + "=\"yes\"\nloader_conf_files=\"/c" + (i + 1) + "\"\n");
        }
        ParsedConfig c = read(files);
        assertTrue(c.environment().containsKey("depth15"));
        assertFalse(c.environment().containsKey("depth16"));
        assertEquals(List.of("/c16: chained 17 files deep through loader_conf_files, more than the 16 jkboot follows "
                + "(a loop of ever new names?); not read"), problems(c));
    }

    @Test
    void aDropInDirectoryTooLargeToListIsSkipped() throws Exception {
        MemoryBootFiles files = new MemoryBootFiles()
                .file(DEFAULTS, "loader_conf_dirs=\"/boot/loader.conf.d /boot/small.d\"\n")
                .file("/boot/small.d/a.conf", "small=\"read\"\n");
        for (int i = 0; i <= ConfLimits.DIRECTORY_ENTRIES; i++) {
            files.file("/boot/loader.conf.d/f" + i + ".conf", "f" + i + "=\"x\"\n");
        }
        ParsedConfig c = read(files);
        assertEquals("read", c.environment().get("small"));
        assertFalse(c.environment().containsKey("f0"));
        assertEquals(List.of("/boot/loader.conf.d: has more than 1024 entries, more than jkboot lists; skipped"),
                problems(c));
    }

    @Test
    void problemsPastTheLimitAreCountedInOne() throws Exception {
        ParsedConfig c = read(new MemoryBootFiles().file(DEFAULTS, "not a line\n".repeat(250)));
        assertEquals(ConfLimits.PROBLEMS + 1, c.problems().size());
        assertEquals(DEFAULTS + ": and 150 more problems in the configuration files, not listed one by one (at most "
                + "100 are)", problems(c).get(ConfLimits.PROBLEMS));
    }
}
