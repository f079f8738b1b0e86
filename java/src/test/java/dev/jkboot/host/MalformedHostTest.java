package dev.jkboot.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged host files, byte by byte: every reader must answer with a value or a
 * {@link HostException}, never another exception, so that probe always describes the host.
 */
class MalformedHostTest {
    private static final String[] FILES = {
        IomemParser.PATH, Meminfo.PATH, KernelCommandLine.PATH, DeviceTree.PATH, EfiSystab.PATH,
        Smbios.ENTRY_POINT, Spcr.PATH, LockdownMode.PATH, KexecFacts.LOAD_DISABLED, Credentials.PATH,
        Architecture.PATH};
    private static final int ROUNDS = 40;

    @Test
    void damagedCapturedFilesNeverEscapeAsUncheckedExceptions(@TempDir Path dir) throws IOException {
        Random random = new Random(20240601);
        int refused = 0;
        for (String fixture : new String[] {"uefi-2g", "direct-1g"}) {
            Path tree = Fixtures.copy(fixture, dir.resolve(fixture));
            for (String file : FILES) {
                Path p = tree.resolve(file.substring(1));
                if (!Files.exists(p)) {
                    continue;
                }
                byte[] original = Files.readAllBytes(p);
                for (int round = 0; round < ROUNDS; round++) {
                    Files.write(p, damage(original, random));
                    // Any unchecked exception escapes here and fails the test with its stack.
                    HostDescription host = HostDescription.read(new HostRoot(tree), "aarch64");
                    refused += host.ram() instanceof Finding.NotAvailable ? 1 : 0;
                }
                Files.write(p, original);
            }
        }
        // The damage must reach the parsers, or this test proves nothing.
        assertTrue(refused > ROUNDS, "only " + refused + " damaged iomem files were refused");
    }

    /** Flips, truncates, duplicates or zeroes a few bytes. */
    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4) && b.length > 0; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            case 2 -> {
                byte[] twice = Arrays.copyOf(b, b.length * 2);
                System.arraycopy(b, 0, twice, b.length, b.length);
                b = twice;
            }
            default -> {
                if (b.length > 0) {
                    int from = random.nextInt(b.length);
                    Arrays.fill(b, from, Math.min(b.length, from + 1 + random.nextInt(64)), (byte) 0);
                }
            }
        }
        return b;
    }

    @Test
    void aDamagedTreeIsStillDescribedPartByPart(@TempDir Path dir) throws IOException {
        Path tree = Fixtures.copy("uefi-2g", dir);
        Files.writeString(tree.resolve("proc/iomem"), "40000000-bfffffff : System RAM\n   oops\n");
        Files.writeString(tree.resolve("sys/kernel/security/lockdown"), "whatever\n");
        HostDescription host = HostDescription.read(new HostRoot(tree), "aarch64");
        Finding.NotAvailable<?> ram = (Finding.NotAvailable<?>) host.ram();
        assertEquals("line 2: indented by 3 spaces; /proc/iomem indents 2 per level", ram.reason());
        assertTrue(host.readiness().unchecked().get(0).startsWith("lockdown: not available: "));
        assertTrue(host.uefi().optional().isPresent());
    }
}
