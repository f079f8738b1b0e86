package dev.jkboot.kld;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.RequiredTool;
import dev.jkboot.elf.ElfFile;
import dev.jkboot.freebsd.NativeFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * load_elf.c's line for a kernel and a module, checked against what binutils' readelf (an
 * independent ELF reader) says about the same files: each PT_LOAD's sizes and flags, and the
 * sizes of .symtab and .strtab, which are not inside a PT_LOAD and so are appended.
 */
class LoaderOutputTest {
    private static final Pattern LOAD = Pattern.compile(
            "^\\s*LOAD\\s+0x\\p{XDigit}+ 0x\\p{XDigit}+ 0x\\p{XDigit}+ 0x(\\p{XDigit}+) 0x(\\p{XDigit}+) (.{3})",
            Pattern.MULTILINE);
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*\\d+\\] \\.(symtab|strtab)\\s+\\S+\\s+\\p{XDigit}+ \\p{XDigit}+ (\\p{XDigit}+) ", Pattern.MULTILINE);

    /** The line as the loader's printf calls would write it, from readelf's description of the file. */
    private static String expectedFromReadelf(Path file) throws Exception {
        String program = RequiredTool.require("aarch64-linux-gnu-readelf").toString();
        Process p = new ProcessBuilder(program, "-lSW", file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        StringBuilder line = new StringBuilder(file + " ");
        Matcher m = LOAD.matcher(text);
        while (m.find()) {
            long filesz = Long.parseLong(m.group(1), 16);
            long memsz = Long.parseLong(m.group(2), 16);
            if (m.group(3).charAt(1) != 'W') {
                line.append("text=0x%x ".formatted(filesz));
            } else {
                line.append("data=0x%x".formatted(filesz)).append(filesz < memsz ? "+0x%x".formatted(memsz - filesz) : "")
                        .append(' ');
            }
        }
        Matcher s = SECTION.matcher(text);
        List<Long> sizes = new ArrayList<>();
        while (s.find()) {
            sizes.add(Long.parseLong(s.group(2), 16));
        }
        assertEquals(2, sizes.size(), text);
        return line.append("0x8+0x%x+0x8+0x%x".formatted(sizes.get(0), sizes.get(1))).toString();
    }

    private static List<String> linesFor(Path file, Map<String, String> env) throws Exception {
        List<String> out = new ArrayList<>();
        LoaderOutput.of(env, out::add, out::add).elf(file.toString(), ElfFile.read(file));
        return out;
    }

    @Test
    void theKernelLineMatchesReadelf() throws Exception {
        Path kernel = NativeFixtures.testKernel();
        assertEquals(List.of(expectedFromReadelf(kernel)), linesFor(kernel, Map.of()));
    }

    @Test
    void aModuleLineMatchesReadelf() throws Exception {
        Path module = NativeFixtures.kmod("jkmain");
        assertEquals(List.of(expectedFromReadelf(module)), linesFor(module, Map.of("module_verbose", "1")));
    }

    @Test
    void levelZeroPrintsNothingAndHexLevelsAreNumbers() throws Exception {
        Path kernel = NativeFixtures.testKernel();
        assertEquals(List.of(), linesFor(kernel, Map.of("module_verbose", "0")));
        assertEquals(1, linesFor(kernel, Map.of("module_verbose", "0x3")).size());
    }

    @Test
    void rawFilesAndRequiredModules() {
        List<String> out = new ArrayList<>();
        LoaderOutput o = LoaderOutput.of(Map.of(), out::add, out::add);
        o.raw("/boot/mfsroot", 0x200000);
        o.raw("/boot/empty", 0);
        o.required("xdr");
        assertEquals(List.of("/boot/mfsroot size=0x200000", "/boot/empty size=0", "loading required module 'xdr'"), out);
    }
}
