/**
 * The FreeBSD root file system as every source of boot files shows it (a directory Linux mounted,
 * a UFS2 partition, later ZFS): one rule for what a path names ({@link dev.jkboot.fs.PathWalk}),
 * and file contents of any size that are mapped, not copied into the Java heap
 * ({@link dev.jkboot.fs.FileContent}). Knows nothing of loader.conf or kexec.
 */
package dev.jkboot.fs;
