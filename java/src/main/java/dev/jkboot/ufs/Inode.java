package dev.jkboot.ufs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * A UFS2 on-disk inode ({@code struct ufs2_dinode}, sys/ufs/ufs/dinode.h, 256 bytes): mode at 0,
 * link count at 2, size at 16, direct block pointers at 112, indirect at 208. Extended attribute
 * blocks and the check-hash are not used.
 */
record Inode(long number, int mode, int links, long size, long[] direct, long[] indirect,
        byte[] inline) {
    static final int NDADDR = 12;
    static final int NIADDR = 3;
    private static final int SIZE = 16;
    private static final int DB = 112;
    private static final int IB = 208;

    static Inode parse(long number, byte[] raw) {
        ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] direct = new long[NDADDR];
        for (int i = 0; i < NDADDR; i++) {
            direct[i] = le.getLong(DB + 8 * i);
        }
        long[] indirect = new long[NIADDR];
        for (int i = 0; i < NIADDR; i++) {
            indirect[i] = le.getLong(IB + 8 * i);
        }
        return new Inode(
                number,
                Short.toUnsignedInt(le.getShort(0)),
                le.getShort(2),
                le.getLong(SIZE),
                direct,
                indirect,
                Arrays.copyOfRange(raw, DB, DB + Superblock.MAX_INLINE_SYMLINK));
    }

    /** The IFMT type, empty for an unused inode (mode 0) or an unknown type. */
    Optional<FileType> type() {
        return FileType.ofMode(mode);
    }

    int permissions() {
        return mode & 07777;
    }
}
