package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EfiSystabTest {
    @Test
    void prefersAcpi20AndSmbios3() throws HostException {
        EfiSystab s = EfiSystab.parse("""
                ACPI20=0x13bef0000
                ACPI=0x13bef0014
                SMBIOS3=0x13f9a0000
                SMBIOS=0x13f9b0000
                """, "systab");
        assertEquals(OptionalLong.of(0x1_3bef_0000L), s.rsdp());
        assertEquals(OptionalLong.of(0x1_3f9a_0000L), s.smbiosEntryPoint());
        assertEquals(4, s.entries().size());
    }

    @Test
    void fallsBackToAcpi1AndSmbios2() throws HostException {
        EfiSystab s = EfiSystab.parse("ACPI=0xe0000\nSMBIOS=0xf0000\n", "systab");
        assertEquals(OptionalLong.of(0xe0000L), s.rsdp());
        assertEquals(OptionalLong.of(0xf0000L), s.smbiosEntryPoint());
    }

    @Test
    void noTablesMeansNoRsdp() throws HostException {
        EfiSystab s = EfiSystab.parse("", "systab");
        assertEquals(List.of(), s.entries());
        assertEquals(OptionalLong.empty(), s.rsdp());
        assertEquals(OptionalLong.empty(), s.smbiosEntryPoint());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no 0x        | ACPI20=13bef0000                      | systab: line 1: "ACPI20=13bef0000" is not KEY=0xADDRESS
            garbage      | ACPI20=0x13bef0000\\nhello world      | systab: line 2: "hello world" is not KEY=0xADDRESS
            non-hex      | SMBIOS3=0x13g9a0000                   | systab: line 1: "SMBIOS3=0x13g9a0000" is not KEY=0xADDRESS
            spaces       | ACPI20 = 0x1                          | systab: line 1: "ACPI20 = 0x1" is not KEY=0xADDRESS
            too wide     | ACPI20=0x1234567890abcdef0            | systab: line 1: "ACPI20=0x1234567890abcdef0" is not KEY=0xADDRESS
            top bit      | ACPI20=0x8000000000000000             | systab: line 1: 0x8000000000000000 is beyond any physical address
            twice        | ACPI20=0x1\\nACPI20=0x2               | systab: line 2: ACPI20 appears twice
            """)
    void garbageIsATypedErrorWithTheLine(String name, String text, String expected) {
        HostException e = assertThrows(HostException.class,
                () -> EfiSystab.parse(text.replace("\\n", "\n"), "systab"));
        assertEquals(expected, e.getMessage());
    }
}
