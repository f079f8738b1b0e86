package dev.jkboot.ufs;

import java.util.Optional;

/** The kind of a file: the IFMT bits of an inode's mode, or a directory entry's d_type. */
public enum FileType {
    FIFO(0010000, 1),
    CHARACTER_DEVICE(0020000, 2),
    DIRECTORY(0040000, 4),
    BLOCK_DEVICE(0060000, 6),
    REGULAR(0100000, 8),
    SYMLINK(0120000, 10),
    SOCKET(0140000, 12),
    /** A directory entry's type was not recorded (DT_UNKNOWN); look at the inode. */
    UNKNOWN(-1, 0);

    static final int IFMT = 0170000;

    private final int modeBits;
    private final int direntType;

    FileType(int modeBits, int direntType) {
        this.modeBits = modeBits;
        this.direntType = direntType;
    }

    /** The type in an inode's {@code di_mode}, or empty for an unused or invalid one. */
    static Optional<FileType> ofMode(int mode) {
        for (FileType t : values()) {
            if (t.modeBits == (mode & IFMT)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type in a directory entry's {@code d_type} (sys/sys/dirent.h), empty for DT_WHT or junk. */
    static Optional<FileType> ofDirent(int type) {
        for (FileType t : values()) {
            if (t.direntType == type) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
