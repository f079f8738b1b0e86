package dev.jkboot.zfs.checksum;

/**
 * The checksum functions by their on-disk ids ({@code enum zio_checksum},
 * sys/contrib/openzfs/include/sys/zio.h); a block pointer stores the id in its CHECKSUM field.
 */
public enum ChecksumType {
    INHERIT(0, "inherit"),
    ON(1, "on"),
    OFF(2, "off"),
    LABEL(3, "label"),
    GANG_HEADER(4, "gang_header"),
    ZILOG(5, "zilog"),
    FLETCHER_2(6, "fletcher2"),
    FLETCHER_4(7, "fletcher4"),
    SHA256(8, "sha256"),
    ZILOG2(9, "zilog2"),
    NOPARITY(10, "noparity"),
    SHA512(11, "sha512"),
    SKEIN(12, "skein"),
    EDONR(13, "edonr"),
    BLAKE3(14, "blake3");

    private final int id;
    private final String zfsName;

    ChecksumType(int id, String zfsName) {
        this.id = id;
        this.zfsName = zfsName;
    }

    /** The on-disk id. */
    public int id() {
        return id;
    }

    /** The name ZFS uses for it (the {@code checksum} property's value), for messages. */
    public String zfsName() {
        return zfsName;
    }

    /**
     * The checksum with this on-disk id.
     *
     * @throws ChecksumException if no checksum has that id
     */
    public static ChecksumType fromId(int id) throws ChecksumException {
        ChecksumType[] all = values();
        if (id < 0 || id >= all.length) {
            throw new ChecksumException("unknown ZFS checksum id " + id,
                    "the block pointer is damaged, or the pool was written by a newer ZFS than jkboot knows");
        }
        return all[id];
    }
}
