package dev.jkboot.disk;

import dev.jkboot.mem.Align;

/**
 * One partition, addressed in bytes from the start of its disk.
 *
 * @param id how the user names it after the colon of {@code DEV:PART}: the GPT entry or MBR slice
 *     number ({@code "2"}), a BSD-label letter after its slice number ({@code "1a"}), a letter alone
 *     on a dedicated disk ({@code "a"}), or empty for the whole disk
 * @param type the raw type: a GPT type GUID, {@code "0xa5"}, or {@code "fstype 7"}
 * @param label the GPT partition name (UTF-16LE on disk), empty for other schemes
 * @param attributes the GPT attribute bits, 0 for other schemes
 */
public record Partition(
        String id,
        PartitionScheme scheme,
        PartitionKind kind,
        String type,
        String label,
        long startByte,
        long sizeBytes,
        long attributes) {

    // gpart(8) attributes, from FreeBSD's sys/sys/disk/gpt.h (GPT_ENT_ATTR_*).
    public static final long GPT_ATTR_BOOTME = 1L << 59;
    public static final long GPT_ATTR_BOOTONCE = 1L << 58;
    public static final long GPT_ATTR_BOOTFAILED = 1L << 57;

    /** The whole disk, when it has no partition table. */
    static Partition wholeDisk(long sizeBytes) {
        return new Partition(
                "", PartitionScheme.NONE, PartitionKind.WHOLE_DISK, "", "", 0, sizeBytes, 0);
    }

    public long endByte() {
        return startByte + sizeBytes;
    }

    public boolean bootme() {
        return (attributes & GPT_ATTR_BOOTME) != 0;
    }

    public boolean bootonce() {
        return (attributes & GPT_ATTR_BOOTONCE) != 0;
    }

    /** E.g. {@code 2 freebsd-ufs "rootfs" 1.9 GiB at 0x100000 [bootme]}. */
    public String describe() {
        StringBuilder text = new StringBuilder(id.isEmpty() ? "whole disk" : id);
        if (kind != PartitionKind.WHOLE_DISK) {
            text.append(' ').append(kind == PartitionKind.OTHER ? type : kind.gpartName());
        }
        if (!label.isEmpty()) {
            text.append(" \"").append(label).append('"');
        }
        text.append(' ').append(Align.human(sizeBytes))
                .append(" at 0x").append(Long.toHexString(startByte));
        if (bootme()) {
            text.append(" [bootme]");
        }
        if (bootonce()) {
            text.append(" [bootonce]");
        }
        if ((attributes & GPT_ATTR_BOOTFAILED) != 0) {
            text.append(" [bootfailed]");
        }
        return text.toString();
    }
}
