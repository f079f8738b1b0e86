package dev.jkboot.ufs;

/**
 * What {@code stat} tells about a file.
 *
 * @param inode the inode number
 * @param permissions the low 12 bits of the mode (setuid, setgid, sticky, rwx)
 */
public record FileStat(long inode, FileType type, int permissions, long size, int links) {}
