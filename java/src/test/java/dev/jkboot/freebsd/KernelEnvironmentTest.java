package dev.jkboot.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelEnvironmentTest {
    @Test
    void blockIsSortedByStrcmpAndDoublyTerminated() throws Exception {
        KernelEnvironment env = KernelEnvironment.empty()
                .with("vfs.root.mountfrom", "ufs:/dev/vtbd0p2")
                .with("boot_verbose", "YES")
                .with("Zed", "upper sorts first")
                .with("acpi.rsdp", "0x000000005c3f0018");
        byte[] expected = ("Zed=upper sorts first\0acpi.rsdp=0x000000005c3f0018\0boot_verbose=YES\0"
                + "vfs.root.mountfrom=ufs:/dev/vtbd0p2\0\0").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, env.encode());
        assertEquals(List.of("Zed", "acpi.rsdp", "boot_verbose", "vfs.root.mountfrom"),
                List.copyOf(env.variables().keySet()));
    }

    @Test
    void emptyEnvironmentIsOneNul() {
        assertArrayEquals(new byte[] {0}, KernelEnvironment.empty().encode());
    }

    @Test
    void emptyValueIsKeptAndLaterSetWins() throws Exception {
        KernelEnvironment env = KernelEnvironment.empty().with("a", "1").with("a", "").with("b", "x");
        assertArrayEquals("a=\0b=x\0\0".getBytes(StandardCharsets.US_ASCII), env.encode());
    }

    @Test
    void refusesNamesThatWouldCorruptTheBlock() {
        BootSpecException e = assertThrows(BootSpecException.class, () -> KernelEnvironment.empty().with("a=b", "c"));
        assertTrue(e.getMessage().contains("a=b"), e.getMessage());
        assertThrows(BootSpecException.class, () -> KernelEnvironment.empty().with("", "c"));
        assertThrows(BootSpecException.class, () -> KernelEnvironment.empty().with("a", "x\0y"));
    }
}
