package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkboot.fdt.Fdt;
import dev.jkboot.fdt.FdtNode;
import dev.jkboot.fdt.FdtProperty;
import dev.jkboot.fdt.FdtWriter;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeviceTreeTest {
    private static final FdtNode UART = FdtNode.empty("serial@1c28000")
            .withProperty(FdtProperty.ofString("compatible", "snps,dw-apb-uart"))
            .withProperty(new FdtProperty("reg", Hex.bytes("00000000 01c28000 00000000 00000400")));

    private static DeviceTree parse(FdtNode chosen) throws HostException {
        FdtNode root = FdtNode.empty("")
                .withProperty(FdtProperty.ofU32("#address-cells", 2))
                .withProperty(FdtProperty.ofU32("#size-cells", 2))
                .withChild(FdtNode.empty("aliases").withProperty(FdtProperty.ofString("serial0", "/serial@1c28000")))
                .withChild(UART)
                .withChild(chosen);
        return DeviceTree.parse(FdtWriter.write(Fdt.of(root)), "dtb");
    }

    @Test
    void consoleThroughAnAliasWithOptions() throws HostException {
        DeviceTree dt = parse(FdtNode.empty("chosen")
                .withProperty(FdtProperty.ofString("stdout-path", "serial0:115200n8")));
        assertEquals(Optional.of("/serial@1c28000"), dt.consolePath());
        assertEquals(OptionalLong.of(0x1c2_8000L), dt.consoleAddress());
        assertTrue(dt.describesHardware());
        assertFalse(dt.hasUefiProperties());
        assertEquals(SecureBootMode.UNSET, dt.secureBoot());
        assertEquals(4, dt.nodeCount());
    }

    @Test
    void aConsoleNamingNoNodeHasNoAddress() throws HostException {
        DeviceTree dt = parse(FdtNode.empty("chosen").withProperty(FdtProperty.ofString("stdout-path", "serial9")));
        assertEquals(Optional.empty(), dt.consolePath());
        assertEquals(OptionalLong.empty(), dt.consoleAddress());
    }

    @Test
    void secureBootComesFromChosen() throws HostException {
        DeviceTree dt = parse(FdtNode.empty("chosen").withProperty(FdtProperty.ofU32("linux,uefi-secure-boot", 3)));
        assertEquals(SecureBootMode.ENABLED, dt.secureBoot());
        assertTrue(dt.hasUefiProperties());
        HostException e = assertThrows(HostException.class, () -> parse(
                FdtNode.empty("chosen").withProperty(FdtProperty.ofU32("linux,uefi-secure-boot", 7))));
        assertEquals("dtb: linux,uefi-secure-boot is 7, not one of 0..3", e.getMessage());
    }

    @Test
    void partialUefiPropertiesNameWhatIsMissing() throws HostException {
        DeviceTree dt = parse(FdtNode.empty("chosen")
                .withProperty(FdtProperty.ofU64("linux,uefi-system-table", 0xbffd_0018L))
                .withProperty(FdtProperty.ofU64("linux,uefi-mmap-start", 0xbaf4_d9c0L)));
        HostException e = assertThrows(HostException.class, () -> UefiFacts.of(dt, "dtb"));
        assertEquals("dtb: /chosen lacks linux,uefi-mmap-size, linux,uefi-mmap-desc-size, "
                + "linux,uefi-mmap-desc-ver, so the UEFI memory map cannot be found", e.getMessage());
    }

    @Test
    void aMalformedBlobIsAHostErrorAtThePath() {
        HostException e = assertThrows(HostException.class,
                () -> DeviceTree.parse(Hex.bytes("d00dfeed 00000010"), "/sys/firmware/fdt"));
        assertEquals("/sys/firmware/fdt", e.path());
        assertTrue(e.reason().startsWith("the blob is only 8 bytes long"), e.reason());
        assertFalse(e.reason().startsWith("/sys/firmware/fdt"));
    }

    @Test
    void aMisshapenChosenPropertyIsAHostError() {
        HostException e = assertThrows(HostException.class, () -> parse(FdtNode.empty("chosen")
                .withProperty(FdtProperty.ofU32("linux,uefi-mmap-start", 1))));
        assertEquals("dtb", e.path());
        assertTrue(e.reason().contains("linux,uefi-mmap-start"), e.reason());
    }
}
