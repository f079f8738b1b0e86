/**
 * ZFS vdevs, read-only: how a block's physical bytes are found from a DVA's vdev offset, as
 * FreeBSD's loader finds them (stand/libsa/zfs/zfsimpl.c): a leaf over a {@link dev.jkboot.disk.BlockDevice}
 * past its front labels and boot area, a mirror that reads any healthy child, and raidz1/2/3
 * with the column map of vdev_raidz_map_alloc, parity P/Q/R and reconstruction of up to nparity
 * missing or silently bad columns, tried combination by combination until the block's checksum
 * holds. {@link VdevSpec} is the vdev tree as a pool label describes it; {@link Vdevs} turns it
 * into a readable {@link Vdev} given the leaves found on the host.
 */
package dev.jkboot.zfs.vdev;
