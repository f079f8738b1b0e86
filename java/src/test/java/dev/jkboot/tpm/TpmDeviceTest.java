package dev.jkboot.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character-device transport over a named pipe opened for reading and writing, which hands
 * back what was written: so a "command" shaped like a response comes back as its answer.
 */
class TpmDeviceTest {
    @TempDir
    Path dir;

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("tpm");
        Swtpm.run(List.of("mkfifo", fifo.toString()));
        return fifo;
    }

    @Test
    void readsExactlyTheSizeTheHeaderGives() throws Exception {
        byte[] first = HexFormat.of().parseHex("80010000000e00000000cafe0001");
        byte[] second = HexFormat.of().parseHex("80010000000a00000101");
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        try (TpmDevice device = TpmDevice.open(fifo())) {
            assertArrayEquals(first, device.transact(both));
            assertArrayEquals(second, device.transact(new byte[0]), "the rest is the next answer");
        }
    }

    @Test
    void anImpossibleSizeIsRefusedWithoutReadingOn() throws Exception {
        try (TpmDevice device = TpmDevice.open(fifo())) {
            TpmException big = assertThrows(TpmException.class,
                    () -> device.transact(HexFormat.of().parseHex("80010000100100000000")));
            assertTrue(big.getMessage().contains("a response of 4097 bytes"), big.getMessage());
            TpmException small = assertThrows(TpmException.class,
                    () -> device.transact(HexFormat.of().parseHex("80010000000900000000")));
            assertTrue(small.getMessage().contains("a response of 9 bytes"), small.getMessage());
        }
    }

    @Test
    void theResourceManagedDeviceIsPreferred() throws Exception {
        Path rm = Files.createFile(dir.resolve("tpmrm0"));
        Path raw = Files.createFile(dir.resolve("tpm0"));
        assertEquals(Optional.of(rm), TpmDevice.find(List.of(rm, raw)));
        Files.delete(rm);
        assertEquals(Optional.of(raw), TpmDevice.find(List.of(rm, raw)));
        Files.delete(raw);
        assertEquals(Optional.empty(), TpmDevice.find(List.of(rm, raw)));
        assertEquals(List.of("/dev/tpmrm0", "/dev/tpm0"), TpmDevice.DEVICES);
    }

    @Test
    void aDeviceThatCannotBeOpenedSaysSo() {
        TpmException e = assertThrows(TpmException.class, () -> TpmDevice.open(dir.resolve("missing")));
        assertTrue(e.getMessage().startsWith("cannot open the TPM at " + dir.resolve("missing")), e.getMessage());
    }
}
