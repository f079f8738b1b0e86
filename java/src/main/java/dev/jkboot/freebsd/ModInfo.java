package dev.jkboot.freebsd;

/**
 * Metadata record types understood by the FreeBSD arm64 kernel (sys/sys/linker.h,
 * sys/arm64/include/metadata.h). Machine-dependent and "MD" types go on the wire OR-ed with
 * {@link #METADATA}; the constants named {@code MD_*} here already include it.
 */
public final class ModInfo {
    public static final int END = 0x0000;
    public static final int NAME = 0x0001;
    public static final int TYPE = 0x0002;
    public static final int ADDR = 0x0003;
    public static final int SIZE = 0x0004;
    public static final int ARGS = 0x0006;
    public static final int METADATA = 0x8000;

    public static final int MD_ELFHDR = METADATA | 0x0002;
    public static final int MD_SSYM = METADATA | 0x0003;
    public static final int MD_ESYM = METADATA | 0x0004;
    public static final int MD_DYNAMIC = METADATA | 0x0005;
    public static final int MD_ENVP = METADATA | 0x0006;
    public static final int MD_HOWTO = METADATA | 0x0007;
    public static final int MD_KERNEND = METADATA | 0x0008;
    public static final int MD_SHDR = METADATA | 0x0009;
    public static final int MD_CTORS_ADDR = METADATA | 0x000a;
    public static final int MD_CTORS_SIZE = METADATA | 0x000b;
    public static final int MD_FW_HANDLE = METADATA | 0x000c;
    /** arm64 machine-dependent types (0x1000 range). */
    public static final int MD_EFI_MAP = METADATA | 0x1001;
    public static final int MD_DTBP = METADATA | 0x1002;
    public static final int MD_EFI_FB = METADATA | 0x1003;

    /** Size of the EFI_MAP header area before the descriptors (24 bytes of fields, 16-aligned). */
    public static final int EFI_MAP_HEADER_SIZE = 32;

    public static final String TYPE_KERNEL = "elf kernel";
    public static final String TYPE_MODULE = "elf module";
    public static final String TYPE_OBJ_MODULE = "elf obj module";

    private ModInfo() {}

    /** A readable name for a record type, for dry-run output ("MODINFOMD_EFI_MAP"). */
    public static String name(int type) {
        return switch (type) {
            case END -> "MODINFO_END";
            case NAME -> "MODINFO_NAME";
            case TYPE -> "MODINFO_TYPE";
            case ADDR -> "MODINFO_ADDR";
            case SIZE -> "MODINFO_SIZE";
            case ARGS -> "MODINFO_ARGS";
            case MD_ELFHDR -> "MODINFOMD_ELFHDR";
            case MD_SSYM -> "MODINFOMD_SSYM";
            case MD_ESYM -> "MODINFOMD_ESYM";
            case MD_DYNAMIC -> "MODINFOMD_DYNAMIC";
            case MD_ENVP -> "MODINFOMD_ENVP";
            case MD_HOWTO -> "MODINFOMD_HOWTO";
            case MD_KERNEND -> "MODINFOMD_KERNEND";
            case MD_SHDR -> "MODINFOMD_SHDR";
            case MD_CTORS_ADDR -> "MODINFOMD_CTORS_ADDR";
            case MD_CTORS_SIZE -> "MODINFOMD_CTORS_SIZE";
            case MD_FW_HANDLE -> "MODINFOMD_FW_HANDLE";
            case MD_EFI_MAP -> "MODINFOMD_EFI_MAP";
            case MD_DTBP -> "MODINFOMD_DTBP";
            case MD_EFI_FB -> "MODINFOMD_EFI_FB";
            default -> "0x%04x".formatted(type);
        };
    }
}
