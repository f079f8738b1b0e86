package dev.jkboot.ufs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The records of a directory ({@code struct direct}, sys/ufs/ufs/dir.h): d_ino (u32), d_reclen
 * (u16), d_type (u8), d_namlen (u8), then the NUL-terminated name, padded to 4 bytes. Records
 * never cross a 512-byte directory block and fill it exactly; the checks are those of FreeBSD's
 * ufs_dirbadentry.
 */
final class Directory {
    static final int DIRBLKSIZ = 512;
    private static final int HEADER = 8;
    private static final int WHITEOUT_INO = 1;

    /** A name as stored: raw bytes, compared byte for byte. */
    record Record(byte[] name, long inode, int type) {
        String text() {
            return new String(name, StandardCharsets.UTF_8);
        }
    }

    private Directory() {}

    /** Every live record; {@code where} names the directory in messages. */
    static List<Record> parse(byte[] data, String where) throws UfsException {
        if (data.length % DIRBLKSIZ != 0) {
            throw bad(where, "its size %d is not a multiple of %d".formatted(data.length, DIRBLKSIZ));
        }
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<Record> records = new ArrayList<>();
        for (int block = 0; block < data.length; block += DIRBLKSIZ) {
            int at = block;
            while (at < block + DIRBLKSIZ) {
                int room = block + DIRBLKSIZ - at;
                if (room < HEADER) {
                    throw bad(where, "the records of the block at byte %d end %d bytes short of it"
                            .formatted(block, room));
                }
                long ino = Integer.toUnsignedLong(le.getInt(at));
                int reclen = Short.toUnsignedInt(le.getShort(at + 4));
                int type = data[at + 6] & 0xff;
                int namlen = data[at + 7] & 0xff;
                if (reclen < HEADER || reclen % 4 != 0 || reclen > room) {
                    throw bad(where, "the record at byte %d has d_reclen %d (must be a multiple of 4 from %d to %d)"
                            .formatted(at, reclen, HEADER, room));
                }
                if (ino != 0) {
                    if (namlen == 0 || direntSize(namlen) > reclen) {
                        throw bad(where, "the record at byte %d has d_namlen %d, which does not fit d_reclen %d"
                                .formatted(at, namlen, reclen));
                    }
                    byte[] name = new byte[namlen];
                    System.arraycopy(data, at + HEADER, name, 0, namlen);
                    for (byte b : name) {
                        if (b == 0 || b == '/') {
                            throw bad(where, "the name at byte %d contains a NUL or '/'".formatted(at));
                        }
                    }
                    if (data[at + HEADER + namlen] != 0) {
                        throw bad(where, "the name at byte %d is not NUL-terminated".formatted(at));
                    }
                    if (ino != WHITEOUT_INO) {
                        records.add(new Record(name, ino, type));
                    }
                }
                at += reclen;
            }
        }
        return records;
    }

    static Optional<Record> lookup(List<Record> records, byte[] name) {
        return records.stream().filter(r -> Arrays.equals(r.name(), name)).findFirst();
    }

    /** DIRECTSIZ: header, name and its NUL, rounded up to 4 bytes. */
    private static int direntSize(int namlen) {
        return (HEADER + namlen + 1 + 3) & ~3;
    }

    private static UfsException bad(String where, String problem) {
        return new UfsException(
                "directory %s is damaged: %s".formatted(where, problem),
                "run fsck_ffs on FreeBSD");
    }
}
