/**
 * ZFS block decompression, as FreeBSD's loader does it (sys/contrib/openzfs/module/zfs/zio_compress.c
 * and the codecs beside it): the on-disk compression ids, lzjb, gzip-1..9 (zlib streams), lz4
 * (ZFS's length-prefixed lz4 block), zle; a compression jkboot does not decode is refused by name.
 * Every decoder fills an exact-size destination from untrusted bytes: it never reads or writes
 * outside either buffer, and a stream that is damaged, too short or too long is a
 * {@link CompressionException}.
 */
package dev.jkboot.zfs.compress;
