/**
 * ZFS block checksums, as FreeBSD's loader verifies them (sys/contrib/openzfs/module/zfs/zio_checksum.c,
 * stand/libsa/zfs/zfsimpl.c): the on-disk checksum ids, the 256-bit {@code zio_cksum_t} value,
 * fletcher2, fletcher4, SHA-256, SHA-512/256, Skein and BLAKE3 (both keyed with the pool's
 * salt) over a block in either byte order, and the checksums embedded at the end of labels and
 * gang headers ({@code zio_eck_t}). Edon-R, which FreeBSD's loader does not read either, is
 * refused by name before any block is read; no checksum is ever skipped.
 */
package dev.jkboot.zfs.checksum;
