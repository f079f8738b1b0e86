/**
 * A read-only reader for FreeBSD's UFS2 (FFS version 2) file system, straight from a block
 * device: superblock, cylinder groups, inodes, block maps, directories and symbolic links. Every
 * on-disk number is checked before it is used; nothing is ever written.
 */
package dev.jkboot.ufs;
