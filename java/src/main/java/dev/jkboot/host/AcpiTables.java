package dev.jkboot.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Collections;

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
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(PATH))) {
            List<String> names = new ArrayList<>();
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    names.add(p.getFileName().toString());
                }
            }
            Collections.sort(names);
            return new AcpiTables(names);
        } catch (IOException e) {
            throw root.unreadable(PATH, e);
        }
    }

    /** The Serial Port Console Redirection table is there. */
    public boolean hasSpcr() {
        return names.contains("SPCR");
    }
}
