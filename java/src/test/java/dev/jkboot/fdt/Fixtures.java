package dev.jkboot.fdt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** The device-tree blobs under src/test/resources/fdt (see the README there). */
final class Fixtures {
    /** Every blob fixture; the 1 MiB QEMU ones are stored gzipped. */
    static final String[] ALL = {
        "board.dtb", "board-v16.dtb", "qemu-virt.dtb.gz", "qemu-virt-gicv3-el2.dtb.gz",
        "sysfs-direct.dtb.gz", "sysfs-uefi-acpi.dtb", "sysfs-uefi-dt.dtb",
    };

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream raw = Fixtures.class.getResourceAsStream("/fdt/" + name)) {
            if (raw == null) {
                throw new IllegalStateException("missing test fixture fdt/" + name);
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fdt fdt(String name) throws FdtException {
        return FdtReader.read(bytes(name), name);
    }
}
