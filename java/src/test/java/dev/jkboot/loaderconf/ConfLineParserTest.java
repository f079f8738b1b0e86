package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfLineParserTest {

    private static ConfLine parse(String line) {
        return ConfLineParser.parse(line);
    }

    private static ConfLine assign(String name, String value) {
        return new ConfLine.Assignment(name, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "# a comment", "   # indented comment", "#", "\r", "#x=\"y\""})
    void blankLinesAndCommentsAreIgnored(String line) {
        assertEquals(new ConfLine.Ignored(), parse(line));
    }

    @Test
    void quotedAndBareValues() {
        assertEquals(assign("kernel", "kernel"), parse("kernel=\"kernel\""));
        assertEquals(assign("kern.hz", "100"), parse("kern.hz=100"));
        assertEquals(assign("autoboot_delay", "-1"), parse("autoboot_delay=-1"));
        assertEquals(assign("x", "1.5"), parse("x=1.5"));
        assertEquals(assign("kernel_options", ""), parse("kernel_options=\"\""));
        assertEquals(assign("a", "two words / and more"), parse("a=\"two words / and more\""));
    }

    @Test
    void whitespaceAroundNameEqualsAndValue() {
        assertEquals(assign("a", "b"), parse("  a = \"b\"  "));
        assertEquals(assign("a", "b"), parse("\ta\t=\tb\t"));
        assertEquals(assign("a", " b "), parse("a=\" b \""));
    }

    @Test
    void windowsLineEndingsAreWhitespace() {
        assertEquals(assign("a", "b"), parse("a=\"b\"\r"));
        assertEquals(assign("a", "b"), parse("a=b\r"));
    }

    @Test
    void trailingCommentsAfterTheValue() {
        assertEquals(assign("a", "b"), parse("a=\"b\" # comment"));
        assertEquals(assign("a", "b"), parse("a=\"b\"# comment"));
        assertEquals(assign("a", "b"), parse("a=b # comment"));
        assertEquals(assign("a", "b"), parse("a=b#comment"));
    }

    @Test
    void hashInsideQuotesIsPartOfTheValue() {
        assertEquals(assign("a", "b#c"), parse("a=\"b#c\""));
        assertEquals(assign("a", "b#c"), parse("a=\"b#c\" # real comment"));
    }

    @Test
    void backslashesStayForExpansion() {
        assertEquals(assign("prompt", "\\${interpret}"), parse("prompt=\"\\${interpret}\""));
    }

    @Test
    void namesWithDotsHyphensAndDigits() {
        assertEquals(assign("hint.uart.0.at", "acpi"), parse("hint.uart.0.at=\"acpi\""));
        assertEquals(assign("vfs.root.mountfrom", "ufs:/dev/vtbd0p2"), parse("vfs.root.mountfrom=\"ufs:/dev/vtbd0p2\""));
        assertEquals(assign("dhcp.host-name", "x"), parse("dhcp.host-name=x"));
        assertEquals(assign("0day", "x"), parse("0day=x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a=",                  // no value at all
        "a",                   // no '='
        "=b",                  // no name
        "_a=b",                // a variable name starts with a letter or digit
        ".a=b",
        "a=\"b\" c",           // text after the value that is not a comment
        "a=b c",
        "a=/boot/kernel",      // a bare word cannot start with '/'
        "a=b/c",               // ... nor contain one
        "a=\"b",               // unterminated quote
        "a=\"b\\\"c\"",        // no escaped quotes inside a quoted value
        "a='b'",               // single quotes are not quotes
        "a=\"b\";",
    })
    void malformedLines(String line) {
        assertEquals(new ConfLine.Malformed(), parse(line));
    }

    @Test
    void moduleProperties() {
        assertEquals(new ConfLine.ModuleSetting("zfs", "load", "YES"), parse("zfs_load=\"YES\""));
        assertEquals(new ConfLine.ModuleSetting("if_em", "load", "yes"), parse("if_em_load=yes"));
        assertEquals(new ConfLine.ModuleSetting("mfsroot", "type", "md_image"), parse("mfsroot_type=\"md_image\""));
        assertEquals(new ConfLine.ModuleSetting("mfsroot", "name", "/boot/root.img"),
                parse("mfsroot_name=\"/boot/root.img\""));
        assertEquals(new ConfLine.ModuleSetting("foo", "flags", "-v a=b"), parse("foo_flags=\"-v a=b\""));
        assertEquals(new ConfLine.ModuleSetting("foo", "before", "echo x"), parse("foo_before=\"echo x\""));
        assertEquals(new ConfLine.ModuleSetting("foo", "after", "echo y"), parse("foo_after = \"echo y\""));
        assertEquals(new ConfLine.ModuleSetting("foo", "error", "echo z"), parse("foo_error=\"echo z\""));
    }

    @Test
    void moduleKeysMayContainUnderscoresDotsAndStartWithThem() {
        assertEquals(new ConfLine.ModuleSetting("a_b", "load", "YES"), parse("a_b_load=YES"));
        assertEquals(new ConfLine.ModuleSetting("x_load", "load", "YES"), parse("x_load_load=YES"));
        assertEquals(new ConfLine.ModuleSetting("_x", "load", "YES"), parse("_x_load=YES"));
        assertEquals(new ConfLine.ModuleSetting("hw.foo", "flags", "0x1"), parse("hw.foo_flags=\"0x1\""));
    }

    @Test
    void aModuleLineWithJunkAfterTheValueIsMalformedNotAVariable() {
        assertEquals(new ConfLine.Malformed(), parse("zfs_load=\"YES\" please"));
        assertEquals(new ConfLine.Malformed(), parse("zfs_load=YES/NO"));
    }

    @Test
    void execTakesAQuotedCommand() {
        assertEquals(new ConfLine.Exec("echo Loading"), parse("exec=\"echo Loading\""));
        assertEquals(new ConfLine.Exec("load foo"), parse(" exec = \"load foo\" # why"));
        assertEquals(new ConfLine.Malformed(), parse("exec=\"x\" y"));
    }

    @Test
    void execWithABareWordIsJustAVariableAsInFreeBsd() {
        assertEquals(assign("exec", "foo"), parse("exec=foo"));
    }
}
