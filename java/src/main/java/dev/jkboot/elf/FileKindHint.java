package dev.jkboot.elf;

/**
 * What a non-ELF file probably is, recognised by its first bytes, turned into advice: users hand
 * the loader compressed kernels and Linux images far more often than random data.
 */
final class FileKindHint {
    private static final int LINUX_ARM64_IMAGE_MAGIC_OFFSET = 56;

    private FileKindHint() {}

    static String forStart(FileBytes file) {
        if (startsWith(file, 0, 0x1f, 0x8b)) {
            return "it is gzip-compressed: decompress it first (gunzip), then give jkboot the ELF kernel";
        }
        if (startsWith(file, 0, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return "it is xz-compressed: decompress it first (xz -d), then give jkboot the ELF kernel";
        }
        if (startsWith(file, 0, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "it is zstd-compressed: decompress it first (zstd -d), then give jkboot the ELF kernel";
        }
        if (startsWith(file, LINUX_ARM64_IMAGE_MAGIC_OFFSET, 'A', 'R', 'M', 0x64)) {
            return "it is a Linux arm64 kernel Image, not a FreeBSD kernel: give jkboot the FreeBSD"
                    + " kernel, e.g. /boot/kernel/kernel from a FreeBSD arm64 system";
        }
        if (startsWith(file, 0, 'M', 'Z')) {
            return "it is a PE/EFI executable (such as loader.efi), not a FreeBSD kernel: give jkboot"
                    + " the ELF kernel, e.g. /boot/kernel/kernel from a FreeBSD arm64 system";
        }
        return "is this a FreeBSD arm64 kernel or module? Expected an ELF file such as"
                + " /boot/kernel/kernel or /boot/kernel/*.ko from a FreeBSD arm64 system";
    }

    private static boolean startsWith(FileBytes file, int offset, int... expected) {
        if (!file.contains(offset, expected.length)) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (file.u8(offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
