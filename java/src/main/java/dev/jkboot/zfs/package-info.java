/**
 * A read-only reader for ZFS pools, as FreeBSD's loader reads them (stand/libsa/zfs): the four
 * vdev labels and their XDR nvlist, the uberblock ring, block pointers (all DVAs, holes, gang
 * blocks, embedded data, indirect blocks), the MOS and its object directory, DSL directories and
 * datasets, dnodes (large ones too), micro and fat ZAPs, and the ZPL: directories, regular files
 * and symbolic links with legacy or SA-based attributes. Checksums, decompression and vdevs come
 * from {@link dev.jkboot.zfs.checksum}, {@link dev.jkboot.zfs.compress} and
 * {@link dev.jkboot.zfs.vdev}. Every on-disk number is checked before it is used; nothing is ever
 * written. Entry points: {@link dev.jkboot.zfs.ZfsPool} and {@link dev.jkboot.zfs.ZfsFileSystem}.
 */
package dev.jkboot.zfs;
