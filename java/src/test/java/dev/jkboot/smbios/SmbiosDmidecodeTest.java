package dev.jkboot.smbios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkboot.RequiredTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoded strings compared with dmidecode's (Debian package dmidecode), an implementation
 * nobody here wrote, reading the same captured table from a dump file: the entry point at offset 0
 * with its table address patched to 32 (and its checksum redone), the table at 32.
 */
class SmbiosDmidecodeTest {
    /** dmidecode -s keyword for each variable whose value is the table's string as is. */
    private static final Map<String, String> KEYWORDS = Map.of(
            "smbios.bios.vendor", "bios-vendor",
            "smbios.bios.version", "bios-version",
            "smbios.bios.reldate", "bios-release-date",
            "smbios.system.maker", "system-manufacturer",
            "smbios.system.product", "system-product-name",
            "smbios.system.version", "system-version",
            "smbios.chassis.maker", "chassis-manufacturer",
            "smbios.chassis.type", "chassis-type",
            "smbios.chassis.version", "chassis-version",
            "smbios.processor.version", "processor-version");

    @Test
    void stringsMatchDmidecode(@TempDir Path dir) throws Exception {
        Path dmidecode = RequiredTool.require("dmidecode");
        SmbiosFixture fixture = SmbiosFixture.of("uefi-2g");
        Path dump = dir.resolve("dump.bin");
        Files.write(dump, dumpFile(fixture));
        Map<String, String> ours = fixture.decode(0).variables();
        for (Map.Entry<String, String> k : KEYWORDS.entrySet()) {
            assertEquals(run(dmidecode, "--from-dump", dump.toString(), "-s", k.getValue()), ours.get(k.getKey()),
                    k.getKey());
        }
        assertEquals(run(dmidecode, "--from-dump", dump.toString(), "-s", "bios-revision"),
                ours.get("smbios.bios.revision"));
    }

    private static byte[] dumpFile(SmbiosFixture f) {
        byte[] entry = f.entryPoint().clone();
        ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).putLong(0x10, 32);
        entry[5] = 0;
        int sum = 0;
        for (int i = 0; i < (entry[6] & 0xff); i++) {
            sum += entry[i];
        }
        entry[5] = (byte) -sum;
        byte[] dump = new byte[32 + f.table().length];
        System.arraycopy(entry, 0, dump, 0, entry.length);
        System.arraycopy(f.table(), 0, dump, 32, f.table().length);
        return dump;
    }

    private static String run(Path program, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = program.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
