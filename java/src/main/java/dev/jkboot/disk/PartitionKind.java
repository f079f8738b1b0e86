package dev.jkboot.disk;

import java.util.UUID;

/** What a partition holds, as far as booting FreeBSD is concerned; named as gpart(8) names them. */
public enum PartitionKind {
    FREEBSD_UFS("freebsd-ufs"),
    FREEBSD_ZFS("freebsd-zfs"),
    FREEBSD_SWAP("freebsd-swap"),
    FREEBSD_BOOT("freebsd-boot"),
    /** A container holding a BSD label: MBR type 0xa5, or GPT type "freebsd". */
    FREEBSD_SLICE("freebsd"),
    EFI("efi"),
    WHOLE_DISK("whole-disk"),
    OTHER("other");

    // GPT type GUIDs from FreeBSD's sys/sys/disk/gpt.h.
    static final UUID GPT_FREEBSD = UUID.fromString("516e7cb4-6ecf-11d6-8ff8-00022d09712b");
    static final UUID GPT_FREEBSD_SWAP = UUID.fromString("516e7cb5-6ecf-11d6-8ff8-00022d09712b");
    static final UUID GPT_FREEBSD_UFS = UUID.fromString("516e7cb6-6ecf-11d6-8ff8-00022d09712b");
    static final UUID GPT_FREEBSD_ZFS = UUID.fromString("516e7cba-6ecf-11d6-8ff8-00022d09712b");
    static final UUID GPT_FREEBSD_BOOT = UUID.fromString("83bd6b9d-7f41-11dc-be0b-001560b84f0f");
    static final UUID GPT_EFI = UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");

    /** MBR slice type of a FreeBSD slice (DOSPTYP_386BSD). */
    static final int MBR_FREEBSD = 0xa5;
    static final int MBR_EFI = 0xef;
    // BSD label p_fstype values from sys/sys/disklabel.h.
    static final int FS_SWAP = 1;
    static final int FS_BSDFFS = 7;
    static final int FS_ZFS = 27;

    private final String gpartName;

    PartitionKind(String gpartName) {
        this.gpartName = gpartName;
    }

    public String gpartName() {
        return gpartName;
    }

    static PartitionKind ofGptType(UUID type) {
        if (type.equals(GPT_FREEBSD_UFS)) {
            return FREEBSD_UFS;
        } else if (type.equals(GPT_FREEBSD_ZFS)) {
            return FREEBSD_ZFS;
        } else if (type.equals(GPT_FREEBSD_SWAP)) {
            return FREEBSD_SWAP;
        } else if (type.equals(GPT_FREEBSD_BOOT)) {
            return FREEBSD_BOOT;
        } else if (type.equals(GPT_FREEBSD)) {
            return FREEBSD_SLICE;
        } else if (type.equals(GPT_EFI)) {
            return EFI;
        }
        return OTHER;
    }

    static PartitionKind ofMbrType(int type) {
        return switch (type) {
            case MBR_FREEBSD -> FREEBSD_SLICE;
            case MBR_EFI -> EFI;
            default -> OTHER;
        };
    }

    static PartitionKind ofBsdFsType(int fstype) {
        return switch (fstype) {
            case FS_BSDFFS -> FREEBSD_UFS;
            case FS_SWAP -> FREEBSD_SWAP;
            case FS_ZFS -> FREEBSD_ZFS;
            default -> OTHER;
        };
    }
}
