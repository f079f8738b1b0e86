package dev.jkboot.smbios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.host.HostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmbiosEnvironmentTest {
    @Test
    void qemuVirtTableGivesTheLoadersVariablesInItsOrder() throws HostException {
        SmbiosEnvironment env = SmbiosFixture.of("uefi-2g").decode(0xbfed0000L);
        Map<String, String> want = new LinkedHashMap<>();
        want.put("hint.smbios.0.mem", "0xbfed0000");
        want.put("smbios.system.maker", "QEMU");
        want.put("smbios.system.product", "QEMU Virtual Machine");
        want.put("smbios.system.version", "virt-7.2");
        want.put("smbios.chassis.maker", "QEMU");
        want.put("smbios.chassis.type", "Other");
        want.put("smbios.chassis.version", "virt-7.2");
        want.put("smbios.processor.version", "virt-7.2");
        want.put("smbios.bios.vendor", "EFI Development Kit II / OVMF");
        want.put("smbios.bios.version", "0.0.0");
        want.put("smbios.bios.reldate", "02/06/2015");
        want.put("smbios.bios.revision", "0.0");
        want.put("smbios.entry_point_type", "v3 (64-bit)");
        want.put("smbios.version", "3.0");
        want.put("smbios.memory.enabled", "2097152");
        want.put("smbios.socket.enabled", "1");
        want.put("smbios.socket.populated", "1");
        assertEquals(List.copyOf(want.entrySet()), List.copyOf(env.variables().entrySet()));
        assertEquals(List.of(), env.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uefi-1g", "uefi-dt-2g", "uefi-el2-gic3-2g", "uefi-2g-crashkernel"})
    void everyCapturedUefiVmDecodesCleanly(String host) throws HostException {
        SmbiosEnvironment env = SmbiosFixture.of(host).decode(0);
        assertEquals(List.of(), env.problems());
        assertEquals("QEMU", env.variables().get("smbios.system.maker"));
        assertEquals(null, env.variables().get("hint.smbios.0.mem"), "no address known, no hint");
    }
}
