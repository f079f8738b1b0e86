/** ZFS's packed name-value lists (libnvpair's XDR encoding), as labels and the MOS store them. */
package dev.jkboot.zfs.nvlist;
