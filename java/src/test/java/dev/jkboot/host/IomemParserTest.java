package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.ExitStatus;
import dev.jkboot.mem.Range;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IomemParserTest {
    private static final String WHERE = "/t/proc/iomem";

    @Test
    void parsesNestingAndInclusiveEnds() throws HostException {
        List<IomemResource> tree = IomemParser.parse("""
                09000000-09000fff : pl011@9000000
                  09000000-09000fff : 9000000.pl011 pl011@9000000
                40000000-bfffffff : System RAM
                  40210000-4163ffff : Kernel code
                  41640000-41a3ffff : reserved
                    41640000-4164ffff : inner
                """, WHERE);
        assertEquals(2, tree.size());
        IomemResource uart = tree.get(0);
        assertEquals(new Range(0x0900_0000L, 0x0900_1000L), uart.range());
        assertEquals("pl011@9000000", uart.name());
        assertEquals("9000000.pl011 pl011@9000000", uart.children().get(0).name());
        IomemResource ram = tree.get(1);
        assertEquals(new Range(0x4000_0000L, 0xc000_0000L), ram.range());
        assertEquals(List.of("Kernel code", "reserved"),
                ram.children().stream().map(IomemResource::name).toList());
        assertEquals("inner", ram.children().get(1).children().get(0).name());
    }

    @Test
    void acceptsAddressesWiderThanEightDigitsAndNoTrailingNewline() throws HostException {
        List<IomemResource> tree =
                IomemParser.parse("4010000000-401fffffff : PCI ECAM", WHERE);
        assertEquals(new Range(0x40_1000_0000L, 0x40_2000_0000L), tree.get(0).range());
    }

    @Test
    void emptyFileIsAnEmptyTree() throws HostException {
        assertEquals(List.of(), IomemParser.parse("", WHERE));
    }

    @Test
    void allZeroRangesMeanNotRoot() {
        HostException e = assertThrows(HostException.class, () -> IomemParser.parse("""
                00000000-00000000 : System RAM
                  00000000-00000000 : Kernel code
                00000000-00000000 : reserved
                """, WHERE));
        assertTrue(e.getMessage().startsWith(WHERE + ": every range reads 00000000-00000000"),
                e.getMessage());
        assertEquals("run jkboot as root", e.fix());
        assertEquals(ExitStatus.HOST, e.exitStatus());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            odd indent      | 40000000-bfffffff : System RAM\\n   40210000-4163ffff : Kernel code | line 2: indented by 3 spaces
            too deep        | 40000000-bfffffff : System RAM\\n    40210000-4163ffff : Kernel code | line 2: nested 2 levels deep, but the line before is only 0 deep
            first indented  | '  40000000-bfffffff : System RAM' | line 1: is indented, but no line above encloses it
            outside parent  | 40000000-bfffffff : System RAM\\n  3ff00000-4000ffff : reserved | line 2: 3ff00000-4000ffff lies outside its parent 40000000-bfffffff on line 1
            non-hex start   | 4000zz00-bfffffff : System RAM | line 1: start "4000zz00" is not a hexadecimal address
            non-hex end     | 40000000-0xbfffffff : System RAM | line 1: end "0xbfffffff" is not a hexadecimal address
            too many digits | 40000000-10000000000000000 : System RAM | line 1: end "10000000000000000" is not a hexadecimal address
            beyond 2^63     | 40000000-ffffffffffffffff : System RAM | line 1: end 0xffffffffffffffff is beyond any physical address
            no separator    | 40000000-bfffffff System RAM | line 1: "40000000-bfffffff System RAM" is not START-END : NAME
            no dash         | 40000000 : System RAM | line 1: "40000000 : System RAM" is not START-END : NAME
            end before start| 09000000-08000000 : uart | line 1: 09000000-08000000 ends before it starts
            zero size       | 09000000-08ffffff : uart | line 1: 09000000-08ffffff is empty
            sibling overlap | 09000000-09000fff : a\\n09000800-09001fff : b | line 2: 09000800-09001fff overlaps 09000000-09000fff on line 1 at the same level
            child overlap   | 40000000-bfffffff : System RAM\\n  41000000-41ffffff : a\\n  41800000-41ffffff : b | line 3: 41800000-41ffffff overlaps 41000000-41ffffff on line 2 at the same level
            out of order    | 0a000000-0a000fff : a\\n09000000-09000fff : b | line 2: 09000000-09000fff comes after 0a000000-0a000fff on line 1
            empty line      | 09000000-09000fff : a\\n\\n0a000000-0a000fff : b | line 2: "" is not START-END : NAME
            tab indent      | 40000000-bfffffff : System RAM\\n\\t40210000-4163ffff : Kernel code | line 2: start "\\t40210000" is not a hexadecimal address
            """)
    void malformedInputIsATypedErrorWithTheLine(String name, String text, String expected) {
        String unescaped = text.replace("\\n", "\n").replace("\\t", "\t");
        String expectedUnescaped = expected.replace("\\t", "\t");
        HostException e = assertThrows(HostException.class,
                () -> IomemParser.parse(unescaped, WHERE));
        assertEquals(WHERE, e.path());
        assertTrue(e.reason().startsWith(expectedUnescaped),
                () -> "expected \"" + expectedUnescaped + "\" but got \"" + e.reason() + "\"");
    }

    @Test
    void overlongLineIsRefused() {
        String line = "40000000-bfffffff : " + "x".repeat(600);
        HostException e = assertThrows(HostException.class, () -> IomemParser.parse(line, WHERE));
        assertEquals("line 1: is 620 characters long; /proc/iomem lines are far shorter than 512",
                e.reason());
    }

    @Test
    void missingFileNamesThePath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        HostException e = assertThrows(HostException.class,
                () -> IomemParser.read(new HostRoot(dir)));
        assertEquals(dir.resolve("proc/iomem").toString(), e.path());
        assertEquals("does not exist", e.reason());
    }
}
