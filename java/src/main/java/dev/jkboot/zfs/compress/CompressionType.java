package dev.jkboot.zfs.compress;

/**
 * The compression functions by their on-disk ids ({@code enum zio_compress},
 * sys/contrib/openzfs/include/sys/zio_compress.h); a block pointer stores the id in its COMPRESS field.
 */
public enum CompressionType {
    INHERIT(0, "inherit"),
    ON(1, "on"),
    OFF(2, "off"),
    LZJB(3, "lzjb"),
    EMPTY(4, "empty"),
    GZIP_1(5, "gzip-1"),
    GZIP_2(6, "gzip-2"),
    GZIP_3(7, "gzip-3"),
    GZIP_4(8, "gzip-4"),
    GZIP_5(9, "gzip-5"),
    GZIP_6(10, "gzip-6"),
    GZIP_7(11, "gzip-7"),
    GZIP_8(12, "gzip-8"),
    GZIP_9(13, "gzip-9"),
    ZLE(14, "zle"),
    LZ4(15, "lz4"),
    ZSTD(16, "zstd");

    private final int id;
    private final String zfsName;

    CompressionType(int id, String zfsName) {
        this.id = id;
        this.zfsName = zfsName;
    }

    /** The on-disk id. */
    public int id() {
        return id;
    }

    /** The name ZFS uses for it (the {@code compression} property's value), for messages. */
    public String zfsName() {
        return zfsName;
    }

    /**
     * The compression with this on-disk id.
     *
     * @throws CompressionException if no compression has that id
     */
    public static CompressionType fromId(int id) throws CompressionException {
        CompressionType[] all = values();
        if (id < 0 || id >= all.length) {
            throw new CompressionException("unknown ZFS compression id " + id,
                    "the block pointer is damaged, or the pool was written by a newer ZFS than jkboot knows");
        }
        return all[id];
    }
}
