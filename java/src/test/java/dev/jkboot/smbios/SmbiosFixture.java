package dev.jkboot.smbios;

import dev.jkboot.host.HostException;
import dev.jkboot.host.Smbios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SMBIOS entry point and table captured from a QEMU VM (test resources host/NAME). */
record SmbiosFixture(byte[] entryPoint, byte[] table) {
    static SmbiosFixture of(String host) {
        try {
            Path dir = Path.of(SmbiosFixture.class.getResource("/host/" + host + "/sys/firmware/dmi/tables").toURI());
            return new SmbiosFixture(Files.readAllBytes(dir.resolve("smbios_entry_point")),
                    Files.readAllBytes(dir.resolve("DMI")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Smbios entry() throws HostException {
        return Smbios.parse(entryPoint, table.length, "smbios_entry_point");
    }

    SmbiosEnvironment decode(long entryPointPhys) throws HostException {
        return SmbiosEnvironment.decode(entry(), entryPointPhys, table);
    }
}
