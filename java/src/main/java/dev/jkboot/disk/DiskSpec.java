package dev.jkboot.disk;

import java.util.Optional;

/**
 * The user's choice of root, {@code DEV[:PART]} (e.g. {@code --disk /dev/vda:2}).
 *
 * <p>DEV is {@code /dev/NAME}, a bare {@code NAME} ({@code vda}), {@code serial=SERIAL} (the stable
 * way under QEMU, whose virtio-mmio disks enumerate in reverse order), a Linux partition node
 * ({@code /dev/vda2}, mapped to the partition starting at the same offset), or the path of a disk
 * image file. PART is a GPT entry or MBR slice number ({@code 2}), a BSD-label partition of a
 * slice ({@code 1a}), a label letter on a dedicated disk ({@code a}), or a GPT partition name.
 * Without PART, only that disk is searched. A trailing colon, as kboot writes devices
 * ({@code /dev/vda:}), means no PART. The last colon separates PART, so PART cannot contain one.
 */
public record DiskSpec(String device, Optional<String> partition) {
    private static final String HELP =
            "write DEV[:PART], e.g. /dev/vda:2, vda:1a, serial=rootdisk:rootfs or /dev/vda";
    static final String SERIAL_PREFIX = "serial=";

    public static DiskSpec parse(String text) throws DiskException {
        if (text.isBlank()) {
            throw new DiskException("the disk choice is empty", HELP);
        }
        if (!text.equals(text.strip())) {
            throw new DiskException(
                    "the disk choice \"%s\" has leading or trailing spaces".formatted(text), HELP);
        }
        int colon = text.lastIndexOf(':');
        String device = colon < 0 ? text : text.substring(0, colon);
        String partition = colon < 0 ? "" : text.substring(colon + 1);
        if (device.isEmpty() || device.equals("/dev/") || device.equals(SERIAL_PREFIX)) {
            throw new DiskException(
                    "the disk choice \"%s\" names no device before the colon".formatted(text), HELP);
        }
        return new DiskSpec(device, partition.isEmpty() ? Optional.empty() : Optional.of(partition));
    }

    @Override
    public String toString() {
        return device + partition.map(p -> ":" + p).orElse("");
    }
}
