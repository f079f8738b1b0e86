package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.boot.BootRequest;
import dev.jkboot.boot.BootSource;
import dev.jkboot.freebsd.Howto;
import dev.jkboot.freebsd.NativeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's order and choices on a /boot/kernel-like directory of the test modules
 * (native/testkernel/kmods): jkmain needs jkhelper 1-3 (preferably 2), provided at 2 by
 * jkhelper_impl.ko and at 3 by jkhelper_v3.ko; jkstack needs jkmain; jkorphan needs jkmissing;
 * jkcycle_a and jkcycle_b need each other.
 */
class DependencyResolverTest {
    @TempDir
    Path dir;
    private final List<String> out = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    @BeforeEach
    void modules() throws Exception {
        Files.copy(NativeFixtures.testKernel(), dir.resolve("kernel"));
        for (String m : List.of("jkmain", "jkhelper_impl", "jkhelper_v3", "jkstack", "jkorphan", "jkcycle_a", "jkcycle_b")) {
            Files.copy(NativeFixtures.kmod(m), dir.resolve(m + ".ko"));
        }
    }

    private void hints(String... records) throws Exception {
        Files.write(dir.resolve("linker.hints"), LinkerHintsTest.hintsOf(records));
    }

    private BootRequest.FileSpec ko(String name) {
        return new BootRequest.FileSpec(BootSource.of(dir.resolve(name + ".ko")), Optional.empty(), Optional.empty());
    }

    private List<String> resolve(boolean dependencies, BootRequest.FileSpec... files) throws Exception {
        BootRequest request = new BootRequest(BootSource.of(dir.resolve("kernel")), List.of(files), Optional.empty(),
                Howto.NONE, env);
        BootRequest resolved = DependencyResolver.resolve(request, new HostModuleFiles(), dir.toString(), dependencies,
                out::add, log::add);
        return resolved.files().stream().map(f -> Path.of(f.source().name()).getFileName().toString()).toList();
    }

    private List<String> resolve(BootRequest.FileSpec... files) throws Exception {
        return resolve(true, files);
    }

    @Test
    void aDependencyFoundOnlyThroughLinkerHintsIsLoadedAfterTheModuleThatNeedsIt() throws Exception {
        hints("jkhelper:3:jkhelper_v3.ko", "jkhelper:2:jkhelper_impl.ko");
        assertEquals(List.of("jkmain.ko", "jkhelper_impl.ko"), resolve(ko("jkmain")));
        assertEquals(4, out.size());
        assertTrue(out.get(0).matches(dir + "/kernel text=0x[0-9a-f]+ data=0x[0-9a-f]+\\+0x[0-9a-f]+ 0x8\\+0x[0-9a-f]+\\+0x8\\+0x[0-9a-f]+"), out.get(0));
        assertTrue(out.get(1).startsWith(dir + "/jkmain.ko text=0x"), out.get(1));
        assertEquals("loading required module 'jkhelper'", out.get(2));
        assertTrue(out.get(3).startsWith(dir + "/jkhelper_impl.ko text=0x"), out.get(3));
        assertEquals(List.of(), log);
    }

    @Test
    void withoutThePreferredVersionTheHighestInRange() throws Exception {
        hints("jkhelper:3:jkhelper_v3.ko");
        assertEquals(List.of("jkmain.ko", "jkhelper_v3.ko"), resolve(ko("jkmain")));
    }

    @Test
    void withoutLinkerHintsTheModuleNameIsTheFileName() throws Exception {
        Files.move(dir.resolve("jkhelper_impl.ko"), dir.resolve("jkhelper.ko"));
        assertEquals(List.of("jkmain.ko", "jkhelper.ko"), resolve(ko("jkmain")));
    }

    @Test
    void aChainLoadsDepthFirstInTheLoadersOrder() throws Exception {
        hints("jkhelper:2:jkhelper_impl.ko");
        assertEquals(List.of("jkstack.ko", "jkmain.ko", "jkhelper_impl.ko", "jkorphan.ko"),
                resolve(false, ko("jkstack"), ko("jkmain"), ko("jkhelper_impl"), ko("jkorphan")));
        out.clear();
        assertEquals(List.of("jkstack.ko", "jkmain.ko", "jkhelper_impl.ko"), resolve(ko("jkstack")));
        assertEquals(List.of("loading required module 'jkmain'", "loading required module 'jkhelper'"),
                out.stream().filter(l -> l.startsWith("loading")).toList());
    }

    @Test
    void aDependencyAlreadyLoadedIsNotLoadedAgain() throws Exception {
        hints("jkhelper:2:jkhelper_impl.ko");
        assertEquals(List.of("jkhelper_v3.ko", "jkmain.ko"), resolve(ko("jkhelper_v3"), ko("jkmain")));
        assertEquals(List.of("jkmain.ko", "jkhelper_impl.ko"), resolve(ko("jkmain"), ko("jkhelper_impl")).subList(0, 2));
        assertTrue(log.contains("KLD '" + dir + "/jkhelper_impl.ko' is already loaded; not loaded again"), log.toString());
    }

    @Test
    void aModuleAskedForByNameThatTheKernelProvidesIsNotLoaded() throws Exception {
        // The test kernel has no metadata, so it provides its own name, as load_elf.c's fake_modname makes it.
        BootRequest.FileSpec kernelByName = new BootRequest.FileSpec(BootSource.of(dir.resolve("jkmain.ko")),
                Optional.empty(), Optional.empty(), Optional.of("kernel"));
        assertEquals(List.of(), resolve(kernelByName));
        assertEquals(List.of("module 'kernel' is already provided by " + dir + "/kernel; " + dir + "/jkmain.ko not loaded"), log);
    }

    @Test
    void aMissingDependencyNamesTheChainAndWhereItLooked() throws Exception {
        hints("jkhelper:2:jkhelper_impl.ko");
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkorphan")));
        assertEquals("missing module dependency: " + dir + "/jkorphan.ko -> jkmissing; no file in module_path (" + dir
                + ") provides jkmissing (version 1) (tried " + dir + "/jkmissing.ko, " + dir + "/jkmissing, " + dir
                + "/jkmissing.debug)", e.getMessage());
        assertTrue(e.fix().startsWith("install the module that provides jkmissing"), e.fix());
    }

    @Test
    void aDependencyDeeperDownNamesTheWholeChain() throws Exception {
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkstack")));
        assertTrue(e.getMessage().startsWith("missing module dependency: " + dir + "/jkstack.ko -> jkmain -> jkhelper;"),
                e.getMessage());
    }

    @Test
    void aHintNamingAMissingFileEndsTheSearchInThatDirectory() throws Exception {
        hints("jkhelper:2:gone.ko");
        Files.copy(dir.resolve("jkhelper_v3.ko"), dir.resolve("jkhelper.ko"));
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkmain")));
        assertTrue(e.getMessage().contains("(tried " + dir + "/gone.ko)"), e.getMessage());
    }

    @Test
    void aFileFoundByNameAtAWrongVersionIsRefused() throws Exception {
        Files.copy(NativeFixtures.testModule(), dir.resolve("jkhelper.ko")); // provides jktest.1
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkmain")));
        assertTrue(e.getMessage().startsWith("module 'jkhelper' exists but with wrong version: " + dir
                + "/jkmain.ko needs jkhelper (version 1 to 3, preferably 2); " + dir + "/jkhelper.ko provides"),
                e.getMessage());
    }

    @Test
    void anEmptyVersionRangeAdmitsOnlyThePreferredVersionAndSaysSo() throws Exception {
        byte[] main = Files.readAllBytes(dir.resolve("jkmain.ko"));
        byte[] range = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
        int at = indexOf(main, range);
        System.arraycopy(new byte[] {3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0}, 0, main, at, range.length);
        assertEquals(-1, indexOf(Arrays.copyOfRange(main, at + 1, main.length), range), "one mod_depend in jkmain.ko");
        Files.write(dir.resolve("jkmain.ko"), main);
        hints("jkhelper:3:jkhelper_v3.ko", "jkhelper:2:jkhelper_impl.ko");
        assertEquals(List.of("jkmain.ko", "jkhelper_impl.ko"), resolve(ko("jkmain")));
        Files.delete(dir.resolve("linker.hints"));
        Files.delete(dir.resolve("jkhelper_impl.ko"));
        hints("jkhelper:3:jkhelper_v3.ko");
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkmain")));
        assertTrue(e.getMessage().contains("provides jkhelper (version 2 only: the range 3 to 1 is empty)"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aCycleIsRefused() throws Exception {
        KldException e = assertThrows(KldException.class, () -> resolve(ko("jkcycle_a")));
        assertEquals("module dependency cycle: " + dir + "/jkcycle_a.ko -> jkcycle_b -> jkcycle_a, which " + dir
                + "/jkcycle_a.ko provides: FreeBSD's kernel links none of these files", e.getMessage());
    }

    @Test
    void noDepsLoadsOnlyWhatWasGiven() throws Exception {
        assertEquals(List.of("jkorphan.ko"), resolve(false, ko("jkorphan")));
        assertTrue(out.stream().noneMatch(l -> l.startsWith("loading required")));
    }

    @Test
    void moduleVerboseZeroIsSilentAndRawFilesPrintTheirSize() throws Exception {
        Files.write(dir.resolve("blob"), new byte[0x1234]);
        BootRequest.FileSpec raw = new BootRequest.FileSpec(BootSource.of(dir.resolve("blob")), Optional.of("md_image"),
                Optional.empty());
        resolve(raw);
        assertEquals(dir + "/blob size=0x1234", out.get(1));
        out.clear();
        env.put("module_verbose", "0");
        hints("jkhelper:2:jkhelper_impl.ko");
        assertEquals(List.of("md_image", "jkmain.ko", "jkhelper_impl.ko").size(), resolve(raw, ko("jkmain")).size());
        assertEquals(List.of(), out);
    }

    @Test
    void anInvalidModuleVerboseIsReportedAndTheDefaultKept() throws Exception {
        env.put("module_verbose", "lots");
        resolve();
        assertEquals(List.of("invalid module_verbose 'lots'; printing at level 2"), log);
        assertEquals(1, out.size());
    }

    @Test
    void aDamagedLinkerHintsIsReportedAndTheDirectorySearchedByName() throws Exception {
        Files.write(dir.resolve("linker.hints"), new byte[] {2, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0});
        Files.move(dir.resolve("jkhelper_impl.ko"), dir.resolve("jkhelper.ko"));
        assertEquals(List.of("jkmain.ko", "jkhelper.ko"), resolve(ko("jkmain")));
        assertEquals(List.of(dir + "/linker.hints has version 2; FreeBSD's loader reads only version 1; not used, "
                + "modules in " + dir + " are found by file name only"), log);
    }

    @Test
    void twoFilesProvidingTheSameModuleVersionAreReported() throws Exception {
        Files.copy(dir.resolve("jkhelper_impl.ko"), dir.resolve("jkhelper_copy.ko"));
        resolve(false, ko("jkhelper_impl"), ko("jkhelper_copy"));
        assertEquals(List.of(dir + "/jkhelper_copy.ko provides module jkhelper.2, which " + dir
                        + "/jkhelper_impl.ko already provides: FreeBSD's kernel will refuse one of them",
                dir + "/jkhelper_copy.ko declares module jkhelper, which " + dir
                        + "/jkhelper_impl.ko already declares: FreeBSD's kernel registers only the first"), log);
    }

    @Test
    void twoVersionsOfOneDeclaredModuleAreReported() throws Exception {
        resolve(false, ko("jkhelper_impl"), ko("jkhelper_v3"));
        assertEquals(List.of(dir + "/jkhelper_v3.ko declares module jkhelper, which " + dir
                + "/jkhelper_impl.ko already declares: FreeBSD's kernel registers only the first"), log);
    }

    @Test
    void theFilesAreReadOnceAndHandedOn() throws Exception {
        hints("jkhelper:2:jkhelper_impl.ko");
        BootRequest request = new BootRequest(BootSource.of(dir.resolve("kernel")), List.of(ko("jkmain")),
                Optional.empty(), Howto.NONE, env);
        BootRequest resolved = DependencyResolver.resolve(request, new HostModuleFiles(), dir.toString(), true,
                out::add, log::add);
        Files.delete(dir.resolve("jkmain.ko"));
        Files.delete(dir.resolve("kernel"));
        assertEquals(Files.size(NativeFixtures.kmod("jkmain")), resolved.files().get(0).source().read().length);
        assertEquals(Files.size(NativeFixtures.testKernel()), resolved.kernel().read().length);
    }
}
