package dev.jkboot.host;

/**
 * What the Linux EFI stub found about UEFI Secure Boot, recorded in {@code /chosen} as
 * {@code linux,uefi-secure-boot} (the kernel's {@code enum efi_secureboot_mode}).
 */
public enum SecureBootMode {
    UNSET, UNKNOWN, DISABLED, ENABLED;

    /** The mode for the property's value; values the kernel does not define are refused. */
    public static SecureBootMode of(long value, String where) throws HostException {
        if (value < 0 || value >= values().length) {
            throw new HostException(where,
                    "linux,uefi-secure-boot is %d, not one of 0..3".formatted(value), "");
        }
        return values()[(int) value];
    }
}
