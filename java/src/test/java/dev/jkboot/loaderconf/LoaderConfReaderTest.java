package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderConfReaderTest {
    /** The lines of FreeBSD 14/15's defaults file that decide which files are read. */
    private static final String DEFAULTS = """
            exec="echo Loading /boot/defaults/loader.conf"
            loader_conf_files="/boot/device.hints /boot/loader.conf"
            loader_conf_dirs="/boot/loader.conf.d"
            local_loader_conf_files="/boot/loader.conf.local"
            trace="defaults"
            """;

    /** A file that records that it was read, in order, through $trace. */
    private static String traced(String name, String more) {
        return "trace=\"${trace} " + name + "\"\n" + more;
    }

    private static ParsedConfig read(MemoryBootFiles files) throws LoaderConfException {
        return LoaderConfReader.read(files, Map.of());
    }

    @Test
    void readsFilesInFreeBsdOrder() throws Exception {
        MemoryBootFiles files = new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/device.hints", traced("hints", ""))
                .file("/boot/loader.conf", traced("loader.conf", ""))
                .file("/boot/loader.conf.d/20-b.conf", traced("20-b", ""))
                .file("/boot/loader.conf.d/10-a.conf", traced("10-a", ""))
                .file("/boot/loader.conf.local", traced("local", ""));
        ParsedConfig config = read(files);
        assertEquals("defaults hints loader.conf 10-a 20-b local", config.environment().get("trace"));
        assertEquals(List.of(), config.problems());
    }

    @Test
    void missingFilesAreSkippedSilently() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/loader.conf", traced("loader.conf", ""))
                .dir("/boot/loader.conf.d"));
        assertEquals("defaults loader.conf", config.environment().get("trace"));
        assertEquals(List.of(), config.problems());
    }

    @Test
    void laterAssignmentsOverrideEarlierOnesAndLocalWinsLast() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS + "kernel=\"kernel\"\nautoboot_delay=\"10\"\n")
                .file("/boot/loader.conf", "autoboot_delay=\"3\"\nkernel=\"kernel.a\"\n")
                .file("/boot/loader.conf.d/x.conf", "kernel=\"kernel.b\"\n")
                .file("/boot/loader.conf.local", "kernel=\"kernel.c\"\n"));
        assertEquals("kernel.c", config.environment().get("kernel"));
        assertEquals("3", config.environment().get("autoboot_delay"));
        assertEquals(new Origin("/boot/loader.conf.local", 1), config.origin("kernel"));
        assertEquals(new Origin("/boot/loader.conf", 1), config.origin("autoboot_delay"));
    }

    @Test
    void loaderConfFilesChainsDepthFirstRightAfterTheFileThatSetsIt() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/device.hints", traced("hints", ""))
                .file("/boot/loader.conf", traced("loader.conf", "loader_conf_files=\"/boot/extra.conf\"\n"))
                .file("/boot/extra.conf", traced("extra", "loader_conf_files=\"/boot/deeper.conf\"\n"))
                .file("/boot/deeper.conf", traced("deeper", ""))
                .file("/boot/loader.conf.d/a.conf", traced("a", "")));
        assertEquals("defaults hints loader.conf extra deeper a", config.environment().get("trace"));
    }

    @Test
    void loaderConfFilesNeverReachesTheEnvironment() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS + "seen=\"[$loader_conf_files]\"\n"));
        assertFalse(config.environment().containsKey("loader_conf_files"));
        assertEquals("[]", config.environment().get("seen"));
        assertTrue(config.environment().containsKey("loader_conf_dirs"));
        assertTrue(config.environment().containsKey("local_loader_conf_files"));
    }

    @Test
    void noFileIsReadTwice() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/loader.conf", traced("loader.conf",
                        "loader_conf_files=\"/boot/loader.conf /boot/defaults/loader.conf /boot/again.conf\"\n"))
                .file("/boot/again.conf", traced("again", "loader_conf_files=\"/boot/again.conf\"\n"))
                .file("/boot/loader.conf.d/again.conf", traced("dir-again", "")));
        assertEquals("defaults loader.conf again dir-again", config.environment().get("trace"));
    }

    @Test
    void confDirReadsOnlyRegularDotConfFilesInNameOrder() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/loader.conf.d/b.conf", traced("b", ""))
                .file("/boot/loader.conf.d/a.conf", traced("a", ""))
                .file("/boot/loader.conf.d/C.conf", traced("C", ""))
                .file("/boot/loader.conf.d/README", traced("readme", ""))
                .file("/boot/loader.conf.d/c.conf.orig", traced("orig", ""))
                .file("/boot/loader.conf.d/sub.conf/inner.conf", traced("inner", "")));
        assertEquals("defaults C a b", config.environment().get("trace"));
    }

    @Test
    void confDirsUseTheFinalValueOfLoaderConfDirs() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .file("/boot/loader.conf", "loader_conf_dirs=\"/boot/mine /boot/loader.conf.d\"\n")
                .file("/boot/mine/z.conf", traced("mine-z", ""))
                .file("/boot/loader.conf.d/a.conf", traced("d-a", "")));
        assertEquals("defaults mine-z d-a", config.environment().get("trace"));
    }

    @Test
    void aConfDirThatIsNotADirectoryIsReported() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles().file("/boot/defaults/loader.conf", DEFAULTS));
        assertEquals(List.of(new ConfigProblem("/boot/loader.conf.d", 0,
                "named in loader_conf_dirs but not a directory; skipped")), config.problems());
    }

    @Test
    void productVarsAddAProductDirectory() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS + "product_vars=\"smbios.planar.product nope\"\n")
                .file("/boot/loader.conf.d/a.conf", traced("a", ""))
                .file("/boot/loader.conf.d/BoardX/b.conf", traced("boardx", "")),
                Map.of("smbios.planar.product", "BoardX"));
        assertEquals("defaults a boardx", config.environment().get("trace"));
    }

    private static ParsedConfig read(MemoryBootFiles files, Map<String, String> presets) throws LoaderConfException {
        return LoaderConfReader.read(files, presets);
    }

    @Test
    void olderDefaultsWithLoaderConfLocalInLoaderConfFilesStillWork() throws Exception {
        // FreeBSD 13 to 14.1 list loader.conf.local in loader_conf_files and have no local_loader_conf_files.
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", """
                        loader_conf_files="/boot/device.hints /boot/loader.conf /boot/loader.conf.local"
                        loader_conf_dirs="/boot/loader.conf.d"
                        trace="defaults"
                        """)
                .file("/boot/loader.conf", traced("loader.conf", ""))
                .file("/boot/loader.conf.local", traced("local", ""))
                .file("/boot/loader.conf.d/a.conf", traced("a", "")));
        assertEquals("defaults loader.conf local a", config.environment().get("trace"));
    }

    @Test
    void withoutTheDefaultsFileNothingElseIsRead() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles().file("/boot/loader.conf", "kernel=\"x\"\n"));
        assertFalse(config.environment().containsKey("kernel"));
        assertEquals(1, config.problems().size());
        assertEquals("/boot/defaults/loader.conf", config.problems().get(0).file());
    }

    @Test
    void presetsAreVisibleToExpansionAndFilesOverrideThem() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "copy=\"$currdev\"\nboot_verbose=\"NO\"\n"),
                Map.of("currdev", "ufs:vtbd0p2", "boot_verbose", "YES"));
        assertEquals("ufs:vtbd0p2", config.environment().get("copy"));
        assertEquals("NO", config.environment().get("boot_verbose"));
        assertEquals(Origin.PRESET, config.origin("currdev"));
    }

    @Test
    void problemsCarryFileAndPhysicalLineAndTheRestIsStillRead() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS)
                .dir("/boot/loader.conf.d")
                .file("/boot/loader.conf", """
                        # comment

                        good1="a"
                        this is not valid
                        bad="unterminated
                        good2=b
                        """));
        assertEquals("a", config.environment().get("good1"));
        assertEquals("b", config.environment().get("good2"));
        assertEquals(List.of(
                new ConfigProblem("/boot/loader.conf", 4, "malformed line, skipped: 'this is not valid' "
                        + "(expected name=\"value\", name=word or a # comment)"),
                new ConfigProblem("/boot/loader.conf", 5, "malformed line, skipped: 'bad=\"unterminated' "
                        + "(expected name=\"value\", name=word or a # comment)")),
                config.problems());
        assertEquals("/boot/loader.conf:4: malformed line, skipped: 'this is not valid' "
                + "(expected name=\"value\", name=word or a # comment)", config.problems().get(0).toString());
    }

    @Test
    void execIsReportedExceptForEcho() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", DEFAULTS + "exec=\"load -t md_image /boot/x\"\n")
                .dir("/boot/loader.conf.d"));
        assertEquals(List.of(new ConfigProblem("/boot/defaults/loader.conf", 6, "exec=\"load -t md_image /boot/x\" "
                + "is a loader command; jkboot does not run loader commands, skipped")), config.problems());
    }

    @Test
    void moduleSettingsGoToTheModuleTableAndTheEnvironment() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", """
                        zfs_load="yes"
                        mfsroot_name="/boot/root.img"
                        mfsroot_type="md_image"
                        mfsroot_load="YES"
                        foo_flags="a=$b"
                        foo_before="echo x"
                        """));
        assertEquals(List.of(
                new ModuleSettings("zfs", "YES", "", "", "", new Origin("/boot/defaults/loader.conf", 1)),
                new ModuleSettings("mfsroot", "YES", "/boot/root.img", "md_image", "",
                        new Origin("/boot/defaults/loader.conf", 4)),
                new ModuleSettings("foo", "", "", "", "a=$b", new Origin("/boot/defaults/loader.conf", 5))),
                config.modules());
        assertEquals("YES", config.environment().get("zfs_load"));
        assertEquals("a=$b", config.environment().get("foo_flags"));
        assertEquals("echo x", config.environment().get("foo_before"));
        assertEquals(new ConfigProblem("/boot/defaults/loader.conf", 6, "foo_before is a loader command run around "
                + "loading foo; jkboot does not run loader commands, ignored"), config.problems().get(0));
    }

    @Test
    void aValueThatCannotBeExpandedIsSkippedWithAProblem() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles().file("/boot/defaults/loader.conf", "a=\"old\"\na=\"x$\"\n"));
        assertEquals("old", config.environment().get("a"));
        assertEquals(new ConfigProblem("/boot/defaults/loader.conf", 2,
                "cannot set a: unescaped $ at the end of the value (write \\$ for a dollar sign); skipped"),
                config.problems().get(0));
    }

    @Test
    void luaConfigurationFilesAreReportedNotRun() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "loader_conf_files=\"/boot/loader.conf.lua\"\n")
                .file("/boot/loader.conf.lua", "kernel = 'x'\n"));
        assertEquals(List.of(new ConfigProblem("/boot/loader.conf.lua", 0,
                "Lua configuration files are not run by jkboot; skipped")), config.problems());
    }

    @Test
    void aPendingNextbootIsReportedAndNotApplied() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "nextboot_conf=\"/boot/nextboot.conf\"\n")
                .file("/boot/nextboot.conf", "nextboot_enable=\"YES\"\nkernel=\"kernel.old\"\n"));
        assertFalse(config.environment().containsKey("kernel"));
        assertEquals("/boot/nextboot.conf", config.problems().get(0).file());
        assertTrue(config.problems().get(0).message().contains("nextboot -D"));
    }

    @Test
    void aUsedOrDisabledNextbootIsQuiet() throws Exception {
        ParsedConfig used = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "nextboot_conf=\"/boot/nextboot.conf\"\n")
                .file("/boot/nextboot.conf", "nextboot_enable=\"NO\" \nkernel=\"kernel.old\"\n"));
        assertEquals(List.of(), used.problems());
        ParsedConfig disabled = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "nextboot_conf=\"/boot/nextboot.conf\"\nnextboot_enable=\"NO\"\n")
                .file("/boot/nextboot.conf", "nextboot_enable=\"YES\"\n"));
        assertEquals(List.of(), disabled.problems());
        ParsedConfig absent = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "nextboot_conf=\"/boot/nextboot.conf\"\n"));
        assertEquals(List.of(), absent.problems());
    }

    @Test
    void relativeFileNamesAreFromTheRoot() throws Exception {
        ParsedConfig config = read(new MemoryBootFiles()
                .file("/boot/defaults/loader.conf", "loader_conf_files=\"boot/rel.conf\"\n")
                .file("/boot/rel.conf", "x=\"1\"\n"));
        assertEquals("1", config.environment().get("x"));
    }
}
