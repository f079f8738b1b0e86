package dev.jkboot.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ACPI tables Linux exports under {@code /sys/firmware/acpi/tables}, by signature (DSDT, FACP,
 * SPCR, …). Present only on ACPI hosts; SPCR tells FreeBSD where the serial console is.
 */
public record AcpiTables(List<String> names) {
    public static final String PATH = "/sys/firmware/acpi/tables";

    public AcpiTables {
        names = List.copyOf(names);
    }

    public static AcpiTables read(HostRoot root) throws HostException {
        try (Stream<Path> entries = Files.list(root.resolve(PATH))) {
            return new AcpiTables(entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw root.unreadable(PATH, e);
        }
    }

    /** The Serial Port Console Redirection table is there. */
    public boolean hasSpcr() {
        return names.contains("SPCR");
    }
}
